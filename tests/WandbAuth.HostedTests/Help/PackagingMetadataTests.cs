using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Help;

/// <summary>
/// What Publish-PSResource and the PowerShell Gallery read from the manifest is there and agrees with the repository:
/// description, tags, project and license URIs, release notes, a LICENSE file and a CHANGELOG entry for the version.
/// </summary>
public class PackagingMetadataTests : HostedTest
{
    private PSModuleInfo Manifest()
    {
        Ps.SetVariable("ManifestPath", RepoPaths.ModuleManifest);
        var r = Ps.Run("Test-ModuleManifest -Path $ManifestPath");
        Assert.Empty(r.AllErrors);
        return (PSModuleInfo)r.Single().BaseObject;
    }

    private Hashtable PSData()
    {
        var data = (Manifest().PrivateData as Hashtable)?["PSData"] as Hashtable;
        Assert.NotNull(data);
        return data!;
    }

    [Fact]
    public void Manifest_has_what_the_Gallery_shows()
    {
        var module = Manifest();
        Assert.True(module.Description.Length >= 60, "Description is too short for the Gallery");
        Assert.False(string.IsNullOrWhiteSpace(module.Author));
        var data = PSData();
        Assert.StartsWith("https://", data["ProjectUri"]?.ToString());
        Assert.StartsWith("https://", data["LicenseUri"]?.ToString());
        Assert.Contains(module.Version.ToString(), data["ReleaseNotes"]?.ToString());
    }

    [Fact]
    public void Tags_are_single_words()
    {
        var tags = ((IEnumerable)PSData()["Tags"]!).Cast<object>().Select(t => t.ToString()!).ToList();
        Assert.Contains("SecretManagement", tags);
        Assert.All(tags, t => Assert.Matches("^[A-Za-z0-9_.-]+$", t));
    }

    [Fact]
    public void License_and_changelog_match_the_manifest()
    {
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(RepoPaths.Root, "LICENSE")));
        var changelog = File.ReadAllText(Path.Combine(RepoPaths.Root, "CHANGELOG.md"));
        Assert.Matches(new Regex($@"^## \[{Regex.Escape(Manifest().Version.ToString())}\]", RegexOptions.Multiline), changelog);
    }

    [Fact]
    public void Cmdlets_to_export_are_listed_without_wildcards()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "WandbAuth.psd1"));
        var block = Regex.Match(text, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        Assert.DoesNotContain("*", block);
        var listed = Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n).ToList();
        Assert.Equal(Manifest().ExportedCmdlets.Keys.OrderBy(n => n), listed);
    }
}
