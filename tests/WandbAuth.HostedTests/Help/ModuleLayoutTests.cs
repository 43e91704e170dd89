using System.Management.Automation;
using System.Reflection;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Help;

/// <summary>
/// out/WandbAuth is what -Task Package publishes: exactly the files the build lays out (no leftovers of an older
/// build), the license among them, and an assembly whose version is the manifest's ModuleVersion.
/// </summary>
public class ModuleLayoutTests : HostedTest
{
    private static string ModuleDir => Path.GetDirectoryName(RepoPaths.ModuleManifest)!;

    [Fact]
    public void Assembly_version_is_the_manifest_ModuleVersion()
    {
        var r = Ps.Run("Get-Module WandbAuth");
        var module = (PSModuleInfo)r.Single().BaseObject;
        var assembly = AssemblyName.GetAssemblyName(Path.Combine(ModuleDir, "WandbAuth.dll")).Version!;
        Assert.Equal(module.Version, new Version(assembly.Major, assembly.Minor, assembly.Build));
        var product = System.Diagnostics.FileVersionInfo.GetVersionInfo(Path.Combine(ModuleDir, "WandbAuth.dll")).ProductVersion!;
        Assert.Equal(module.Version.ToString(), product.Split('+')[0]); // "0.1.0+<commit>"
    }

    [Fact]
    public void Module_folder_holds_exactly_the_laid_out_files()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "WandbAuth");
        var expected = new[] { "WandbAuth.psd1", "WandbAuth.dll", "Newtonsoft.Json.dll", "LICENSE" }
            .Concat(Directory.GetFiles(Path.Combine(source, "Formats"), "*.ps1xml").Select(Path.GetFileName))
            .Concat(Directory.GetFiles(Path.Combine(source, "en-US")).Select(f => "en-US/" + Path.GetFileName(f)))
            .OrderBy(f => f, StringComparer.Ordinal);
        var actual = Directory.GetFiles(ModuleDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleDir, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Shipped_license_is_the_repository_license()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "LICENSE")), File.ReadAllText(Path.Combine(ModuleDir, "LICENSE")));
    }
}
