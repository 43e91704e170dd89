using System.Runtime.InteropServices;
using System.Text;

namespace WandbAuth.Benchmarks;

/// <summary>
/// docs/benchmarks.md: one "## Heading" section per scenario. Writing a section replaces that section only (up to
/// the next "## "), so scenarios run at different times keep each other's figures.
/// </summary>
internal static class Report
{
    public static string FilePath => Path.Combine(Repo.Root, "docs", "benchmarks.md");

    /// <summary>The machine the figures come from, for the top of a section.</summary>
    public static string Machine =>
        $"{DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, " +
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";

    public static void WriteSection(string heading, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var text = File.Exists(FilePath) ? File.ReadAllText(FilePath) : "# Benchmarks\n\nFigures measured by `tests/WandbAuth.Benchmarks` (`dotnet run -c Release --project tests/WandbAuth.Benchmarks -- <scenario>`). Benchmarks are not tests: nothing here fails a build.\n";
        var section = $"## {heading}\n\n{body.TrimEnd()}\n";
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        int start = lines.FindIndex(l => l.Trim() == $"## {heading}");
        string result;
        if (start < 0)
        {
            result = text.TrimEnd() + "\n\n" + section;
        }
        else
        {
            int end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            var before = string.Join("\n", lines.Take(start)).TrimEnd();
            var after = end < 0 ? "" : string.Join("\n", lines.Skip(end));
            result = (before.Length > 0 ? before + "\n\n" : "") + section + (after.Length > 0 ? "\n" + after.TrimEnd() + "\n" : "");
        }
        File.WriteAllText(FilePath, result.TrimEnd() + "\n", new UTF8Encoding(false));
    }
}
