using System.Management.Automation;
using WandbAuth.HostedTests.Harness;
using Xunit.Abstractions;
using static WandbAuth.HostedTests.Help.HelpObjects;

namespace WandbAuth.HostedTests.Help;

/// <summary>
/// Keeps the MAML help (en-US/WandbAuth.dll-Help.xml) true as the cmdlets change: every exported cmdlet, read from
/// the imported module, must have a synopsis, a description, inputs, outputs, two examples and a description of each
/// of its parameters, and what the help says about a parameter must match the cmdlet.
/// </summary>
public class CmdletHelpTests : HostedTest
{
    private readonly ITestOutputHelper _log;

    public CmdletHelpTests(ITestOutputHelper log) { _log = log; }

    /// <summary>The cmdlets the module is meant to export; each must be exported and documented.</summary>
    public static TheoryData<string> Expected => new()
    {
        "Connect-Wandb", "Get-WandbConnection", "Disconnect-Wandb",
        "New-WandbApiKey", "Get-WandbApiKey", "Remove-WandbApiKey", "Invoke-WandbKeyRotation",
    };

    private List<string> Exported() =>
        Ps.Run("(Get-Module WandbAuth).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).OrderBy(n => n).ToList();

    /// <summary>Parameters a user can set, as the engine sees them: all but the common parameters.</summary>
    private List<string> OwnParameters(string cmdlet)
    {
        Ps.SetVariable("CmdletName", cmdlet);
        var r = Ps.Run("(Get-Command $CmdletName).Parameters.Keys | Where-Object { [System.Management.Automation.PSCmdlet]::CommonParameters -notcontains $_ }");
        Assert.Empty(r.AllErrors);
        return r.Output.Select(o => o.ToString()).ToList();
    }

    private CmdletInfo Command(string cmdlet)
    {
        Ps.SetVariable("CmdletName", cmdlet);
        return (CmdletInfo)Ps.Run("Get-Command $CmdletName").Single().BaseObject;
    }

    private PSObject FullHelp(string cmdlet)
    {
        Ps.SetVariable("CmdletName", cmdlet);
        var r = Ps.Run("Get-Help $CmdletName -Full");
        Assert.Empty(r.AllErrors);
        return r.Single();
    }

    /// <summary>Everything wrong with one cmdlet's help, as sentences; empty when the help is complete.</summary>
    private List<string> HelpProblems(string cmdlet)
    {
        var problems = new List<string>();
        var help = FullHelp(cmdlet);
        var synopsis = Str(help, "Synopsis");
        // Without MAML, Get-Help makes a synopsis from the syntax ("Connect-Wandb [-ApiKey] ...") and no description.
        if (synopsis.Length < 20 || synopsis.StartsWith(cmdlet, StringComparison.OrdinalIgnoreCase) || synopsis.Contains(" [-"))
            problems.Add($"{cmdlet}: no written synopsis (Get-Help shows '{synopsis}')");
        if (Text(help, "description").Length < 40)
            problems.Add($"{cmdlet}: no description");
        if (Nested(help, "inputTypes", "inputType").Count == 0)
            problems.Add($"{cmdlet}: no INPUTS section");
        if (Nested(help, "returnValues", "returnValue").Count == 0)
            problems.Add($"{cmdlet}: no OUTPUTS section");

        var examples = Nested(help, "examples", "example");
        if (examples.Count < 2) problems.Add($"{cmdlet}: {examples.Count} example(s), at least 2 are needed");
        foreach (var (example, i) in examples.Select((e, i) => (e, i + 1)))
        {
            if (Str(example, "code").Length == 0) problems.Add($"{cmdlet}: example {i} has no code");
            if (Text(example, "remarks").Length == 0) problems.Add($"{cmdlet}: example {i} has no remarks");
        }

        var documented = Nested(help, "parameters", "parameter")
            .ToDictionary(p => Str(p, "name"), p => Text(p, "description"), StringComparer.OrdinalIgnoreCase);
        var actual = OwnParameters(cmdlet);
        foreach (var name in actual)
        {
            if (!documented.TryGetValue(name, out var text)) problems.Add($"{cmdlet}: parameter -{name} is not in the help");
            else if (text.Length < 15) problems.Add($"{cmdlet}: parameter -{name} has no description");
        }
        foreach (var name in documented.Keys.Except(actual, StringComparer.OrdinalIgnoreCase))
            problems.Add($"{cmdlet}: the help describes -{name}, which the cmdlet does not have");
        return problems;
    }

    [Fact]
    public void Every_exported_cmdlet_has_complete_help()
    {
        var exported = Exported();
        Assert.NotEmpty(exported);
        var problems = exported.SelectMany(HelpProblems).ToList();
        Assert.True(problems.Count == 0, "Help is missing or stale:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Cmdlet_is_exported_with_complete_help(string cmdlet)
    {
        Assert.Contains(cmdlet, Exported());
        var problems = HelpProblems(cmdlet);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Get_Help_Full_shows_every_section(string cmdlet)
    {
        Assert.Contains(cmdlet, Exported());
        Ps.SetVariable("CmdletName", cmdlet);
        var r = Ps.Run("Get-Help $CmdletName -Full | Out-Host");
        Assert.Empty(r.AllErrors);
        var shown = r.HostText;
        _log.WriteLine(shown);
        foreach (var section in new[] { "NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "Example 1", "Example 2", "RELATED LINKS" })
            Assert.Contains(section, shown);
        foreach (var name in OwnParameters(cmdlet))
            Assert.Contains("-" + name, shown);
        Assert.Contains("about_WandbAuth", shown);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Get_Help_Examples_shows_at_least_two_examples(string cmdlet)
    {
        Assert.Contains(cmdlet, Exported());
        Ps.SetVariable("CmdletName", cmdlet);
        var r = Ps.Run("Get-Help $CmdletName -Examples");
        Assert.Empty(r.AllErrors);
        var examples = Nested(r.Single(), "examples", "example");
        Assert.True(examples.Count >= 2, $"{cmdlet} has {examples.Count} example(s)");
        Assert.All(examples, e => Assert.Contains(cmdlet, Str(e, "code") + Text(e, "remarks")));

        var shown = Ps.Run("Get-Help $CmdletName -Examples | Out-Host").HostText;
        _log.WriteLine(shown);
        Assert.Contains("Example 1", shown);
        Assert.Contains("Example 2", shown);
    }

    [Fact]
    public void Get_Help_Parameter_describes_a_single_parameter()
    {
        var r = Ps.Run("Get-Help Connect-Wandb -Parameter Vault");
        Assert.Empty(r.AllErrors);
        Assert.Contains("SecretManagement vault", Text(r.Single(), "description"));
    }

    /// <summary>
    /// What the help says of each parameter - type, required, position, pipeline input, aliases - is what the
    /// cmdlet does, and each syntax block of the help is one parameter set of the cmdlet.
    /// </summary>
    [Fact]
    public void Help_parameter_details_and_syntax_match_the_cmdlets()
    {
        var problems = new List<string>();
        foreach (var cmdlet in Exported())
        {
            var info = Command(cmdlet);
            var help = FullHelp(cmdlet);
            var common = new HashSet<string>(PSCmdlet.CommonParameters, StringComparer.OrdinalIgnoreCase);

            foreach (var p in Nested(help, "parameters", "parameter"))
            {
                var name = Str(p, "name");
                if (!info.Parameters.TryGetValue(name, out var meta)) continue; // reported by the completeness test
                var sets = meta.ParameterSets.Values.ToList();
                var where = $"{cmdlet} -{name}";

                var type = Str(Get(p, "type"), "name");
                if (!TypeMatches(type, meta.ParameterType))
                    problems.Add($"{where}: help says type '{type}', the cmdlet takes {meta.ParameterType.FullName}");

                var required = sets.All(s => s.IsMandatory);
                if (!string.Equals(Str(p, "required"), required.ToString(), StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{where}: help says required={Str(p, "required")}, the cmdlet says {required}");

                var positions = sets.Select(s => s.Position < 0 ? "named" : s.Position.ToString()).Distinct().ToList();
                if (!positions.Contains(Str(p, "position"), StringComparer.OrdinalIgnoreCase))
                    problems.Add($"{where}: help says position {Str(p, "position")}, the cmdlet says {string.Join("/", positions)}");

                var pipeline = Pipeline(sets.Any(s => s.ValueFromPipeline), sets.Any(s => s.ValueFromPipelineByPropertyName));
                if (!string.Equals(Str(p, "pipelineInput"), pipeline, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{where}: help says pipeline input '{Str(p, "pipelineInput")}', the cmdlet says '{pipeline}'");

                var helpAliases = Str(p, "aliases").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Where(a => a != "none").OrderBy(a => a, StringComparer.OrdinalIgnoreCase);
                var aliases = meta.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase);
                if (!helpAliases.SequenceEqual(aliases, StringComparer.OrdinalIgnoreCase))
                    problems.Add($"{where}: help says aliases '{string.Join(", ", helpAliases)}', the cmdlet has '{string.Join(", ", aliases)}'");
            }

            var helpSets = Nested(help, "syntax", "syntaxItem")
                .Select(s => Items(s, "parameter").Select(x => Str(x, "name")).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList())
                .Select(l => string.Join(" ", l)).OrderBy(x => x).ToList();
            var actualSets = info.ParameterSets
                .Select(s => s.Parameters.Select(x => x.Name).Where(n => !common.Contains(n)).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList())
                .Select(l => string.Join(" ", l)).OrderBy(x => x).ToList();
            if (!helpSets.SequenceEqual(actualSets))
                problems.Add($"{cmdlet}: help syntax [{string.Join(" | ", helpSets)}] differs from the parameter sets [{string.Join(" | ", actualSets)}]");
        }
        Assert.True(problems.Count == 0, "Help differs from the cmdlets:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// Every type the INPUTS section names binds from the pipeline: by value to a parameter that takes it, or by
    /// property name (a property named like a parameter or its alias). "None" and PSObject (any object with the
    /// properties the description names) are not checked.
    /// </summary>
    [Fact]
    public void Help_inputs_name_types_that_bind_from_the_pipeline()
    {
        var problems = new List<string>();
        foreach (var cmdlet in Exported())
        {
            var info = Command(cmdlet);
            foreach (var input in Nested(FullHelp(cmdlet), "inputTypes", "inputType"))
            {
                var name = Str(Get(input, "type"), "name");
                if (name is "None" or "System.Management.Automation.PSObject") continue;
                Ps.SetVariable("InputTypeName", name);
                if (Ps.Run("$InputTypeName -as [type]").Output.FirstOrDefault()?.BaseObject is not Type type)
                {
                    problems.Add($"{cmdlet}: INPUTS names {name}, which is not a loaded type");
                    continue;
                }
                var properties = type.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var binds = info.Parameters.Values.Any(p => p.ParameterSets.Values.Any(set =>
                    (set.ValueFromPipeline && p.ParameterType.IsAssignableFrom(type)) ||
                    (set.ValueFromPipelineByPropertyName && p.Aliases.Prepend(p.Name).Any(properties.Contains))));
                if (!binds) problems.Add($"{cmdlet}: INPUTS names {name}, but a piped {name} binds to no parameter");
            }
        }
        Assert.True(problems.Count == 0, "INPUTS promise what the pipeline does not do:\n" + string.Join("\n", problems));
    }

    private static bool TypeMatches(string helpType, Type actual)
    {
        var names = new[] { actual.FullName, actual.Name };
        if (Nullable.GetUnderlyingType(actual) is Type inner) names = names.Concat(new[] { inner.FullName, inner.Name }).ToArray();
        return names.Any(n => string.Equals(n, helpType, StringComparison.Ordinal));
    }

    private static string Pipeline(bool byValue, bool byName) => (byValue, byName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}
