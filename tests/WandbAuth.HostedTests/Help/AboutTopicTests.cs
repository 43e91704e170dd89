using WandbAuth.HostedTests.Harness;
using Xunit.Abstractions;
using static WandbAuth.HostedTests.Help.HelpObjects;

namespace WandbAuth.HostedTests.Help;

/// <summary>about_WandbAuth ships in the module folder and Get-Help finds it, as it does for an installed module.</summary>
public class AboutTopicTests : HostedTest
{
    private readonly ITestOutputHelper _log;

    public AboutTopicTests(ITestOutputHelper log) { _log = log; }

    private static string TopicPath => Path.Combine(RepoPaths.Root, "out", "WandbAuth", "en-US", "about_WandbAuth.help.txt");

    [Fact]
    public void Topic_file_is_laid_out_beside_the_cmdlet_help()
    {
        Assert.True(File.Exists(TopicPath), TopicPath + " is missing: en-US/* is not copied into out/WandbAuth");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "out", "WandbAuth", "en-US", "WandbAuth.dll-Help.xml")));
    }

    /// <summary>
    /// About topics are found in the folders of modules on PSModulePath, which is where Install-Module and
    /// Install-PSResource put WandbAuth; the session's PSModulePath gets out/ the same way.
    /// </summary>
    [Fact]
    public void Get_Help_about_WandbAuth_finds_the_topic()
    {
        Ps.SetVariable("ModuleRoot", Path.Combine(RepoPaths.Root, "out"));
        var r = Ps.Run("$env:PSModulePath = $ModuleRoot + [System.IO.Path]::PathSeparator + $env:PSModulePath; Get-Help about_WandbAuth");
        try
        {
            Assert.Empty(r.AllErrors);
            var topic = r.Single();
            var text = topic.BaseObject as string ?? Str(topic, "Text");
            _log.WriteLine(text);
            foreach (var heading in new[] { "WHERE KEYS ARE LOOKED FOR", "KEYLESS SIGN-IN", "WHERE KEYS ARE STORED", "HOW ROTATION STAYS SAFE", "AZURE DEVOPS", "TROUBLESHOOTING" })
                Assert.Contains(heading, text);
        }
        finally
        {
            Ps.Run("$env:PSModulePath = ($env:PSModulePath -split [System.IO.Path]::PathSeparator | Where-Object { $_ -ne $ModuleRoot }) -join [System.IO.Path]::PathSeparator");
        }
    }

    [Fact]
    public void Topic_names_every_key_source_in_the_lookup_order()
    {
        var text = File.ReadAllText(TopicPath);
        var section = text[text.IndexOf("WHERE KEYS ARE LOOKED FOR", StringComparison.Ordinal)..text.IndexOf("WHERE KEYS ARE STORED", StringComparison.Ordinal)];
        var order = new[] { "-ApiKey", "-SecretName", "WANDB_API_KEY", "WandbApiKey-<host>", "wandb/settings", ".netrc", "hidden prompt", "never prompt" };
        var positions = order.Select(s => section.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(order.Zip(positions), p => Assert.True(p.Second >= 0, $"'{p.First}' is not in the lookup section"));
        Assert.Equal(positions.OrderBy(p => p), positions);
    }

    [Fact]
    public void Topic_lines_fit_an_80_column_console()
    {
        var wide = File.ReadAllLines(TopicPath).Select((l, i) => (l, i + 1)).Where(x => x.l.Length > 80).Select(x => $"line {x.Item2}: {x.l.Length} chars");
        Assert.Empty(wide);
    }
}
