using System.Management.Automation;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Connect;

public class ModuleManifestTests : HostedTest
{
    [Fact]
    public void Manifest_passes_Test_ModuleManifest_and_lists_cmdlets_explicitly()
    {
        Ps.SetVariable("ManifestPath", RepoPaths.ModuleManifest);
        var result = Ps.Run("Test-ModuleManifest -Path $ManifestPath");
        Assert.Empty(result.AllErrors);
        var module = (PSModuleInfo)result.Single().BaseObject;
        Assert.Contains("Desktop", module.CompatiblePSEditions);
        Assert.Contains("Core", module.CompatiblePSEditions);
        var text = File.ReadAllText(RepoPaths.ModuleManifest);
        Assert.DoesNotContain("'*'", text);
        Assert.Contains("Connect-Wandb", module.ExportedCmdlets.Keys);
    }

    [Fact]
    public void Every_exported_cmdlet_is_available_after_import()
    {
        var result = Ps.Run("(Get-Module WandbAuth).ExportedCmdlets.Keys");
        var names = result.Output.Select(o => o.ToString()).ToList();
        foreach (var expected in new[] { "Connect-Wandb", "Get-WandbConnection", "Disconnect-Wandb" })
            Assert.Contains(expected, names);
    }
}
