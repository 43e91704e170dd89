using System.Management.Automation.Language;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Help;

/// <summary>
/// Every PowerShell file in the repository parses with the real PowerShell parser, including the scripts no test runs;
/// and since Windows PowerShell 5.1 is not available here, none uses PowerShell 7-only syntax.
/// </summary>
public class ScriptSyntaxTests
{
    private static readonly string[] Extensions = { ".ps1", ".psm1", ".psd1" };
    // .tools holds PowerShell and Pester as fetched by tests/Tools: their scripts, not ours.
    private static readonly string[] Skipped = { ".git", ".tools", "bin", "obj", "out", "TestResults", "node_modules" };

    public static IEnumerable<string> Scripts() => Walk(new DirectoryInfo(RepoPaths.Root))
        .Select(f => Path.GetRelativePath(RepoPaths.Root, f.FullName).Replace('\\', '/'))
        .OrderBy(p => p, StringComparer.Ordinal);

    private static IEnumerable<FileInfo> Walk(DirectoryInfo dir)
    {
        foreach (var f in dir.EnumerateFiles().Where(f => Extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase))) yield return f;
        foreach (var d in dir.EnumerateDirectories().Where(d => !Skipped.Contains(d.Name, StringComparer.OrdinalIgnoreCase)))
            foreach (var f in Walk(d)) yield return f;
    }

    public static TheoryData<string> ScriptData()
    {
        var data = new TheoryData<string>();
        foreach (var s in Scripts()) data.Add(s);
        return data;
    }

    [Fact]
    public void Repository_has_the_expected_scripts()
    {
        var scripts = Scripts().ToList();
        Assert.Contains("build.ps1", scripts);
        Assert.Contains("WandbAuth.psd1", scripts);
        Assert.Contains(scripts, s => s.StartsWith("tests/Pester/", StringComparison.Ordinal) && s.EndsWith(".Tests.ps1", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ScriptData))]
    public void Script_parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(RepoPaths.Root, relativePath), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}:{e.Extent.StartColumnNumber}: {e.Message}")));
    }

    /// <summary>The PowerShell inside the example pipelines (pwsh: | and Inline: | blocks) parses too.</summary>
    [Fact]
    public void PowerShell_in_example_pipelines_parses()
    {
        var examples = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "examples"), "*.yml");
        Assert.NotEmpty(examples);
        var blocks = 0;
        foreach (var file in examples)
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                var trimmed = lines[i].Trim();
                if (!(trimmed.EndsWith("pwsh: |", StringComparison.Ordinal) || trimmed.EndsWith("Inline: |", StringComparison.Ordinal))) continue;
                var indent = lines[i].Length - lines[i].TrimStart().Length;
                var body = lines.Skip(i + 1).TakeWhile(l => l.Trim().Length == 0 || l.Length - l.TrimStart().Length > indent).ToList();
                var script = string.Join("\n", body);
                Parser.ParseInput(script, out _, out var errors);
                Assert.True(errors.Length == 0, $"{Path.GetFileName(file)} line {i + 1}: " + string.Join("; ", errors.Select(e => $"+{e.Extent.StartLineNumber}: {e.Message}")));
                blocks++;
            }
        }
        Assert.True(blocks >= 3, $"only {blocks} PowerShell blocks found in docs/examples");
    }

    /// <summary>build.ps1 and the Pester suite run on Windows PowerShell 5.1 too: no ternary, ??, ??=, &amp;&amp; or ||.</summary>
    [Theory]
    [MemberData(nameof(ScriptData))]
    public void Script_uses_no_PowerShell_7_only_syntax(string relativePath)
    {
        var ast = Parser.ParseFile(Path.Combine(RepoPaths.Root, relativePath), out var tokens, out _);
        var found = ast.FindAll(a => a is TernaryExpressionAst || a is PipelineChainAst, true)
            .Select(a => $"line {a.Extent.StartLineNumber}: {a.Extent.Text.Split('\n')[0]}")
            .Concat(tokens.Where(t => t.Kind is TokenKind.QuestionQuestion or TokenKind.QuestionQuestionEquals or TokenKind.QuestionDot or TokenKind.QuestionLBracket)
                .Select(t => $"line {t.Extent.StartLineNumber}: {t.Text}"))
            .ToList();
        Assert.True(found.Count == 0, $"{relativePath} uses PowerShell 7-only syntax:\n" + string.Join("\n", found));
    }
}
