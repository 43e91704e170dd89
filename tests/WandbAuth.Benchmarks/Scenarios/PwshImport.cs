using System.Diagnostics;
using System.Globalization;

namespace WandbAuth.Benchmarks.Scenarios;

/// <summary>
/// Import-Module of out/WandbAuth as a user meets it: a real pwsh started with -NoProfile, less the same start with
/// an empty module (a manifest and nothing else), so pwsh's own start-up and import machinery are not charged to
/// WandbAuth. Each start also times the import alone inside pwsh (Measure-Command).
/// </summary>
internal static class PwshImport
{
    private const int Runs = 15;

    public sealed record Figures(string Pwsh, int Runs, double ModuleWall, double EmptyWall, double ModuleInside, double EmptyInside);

    /// <summary>The pwsh to start: $WANDBAUTH_PWSH, else the one `dotnet build tests/Tools` put in .tools/, else pwsh on PATH.</summary>
    public static string FindPwsh()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("WANDBAUTH_PWSH"),
            Path.Combine(Repo.Root, ".tools", "pwsh", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"),
        };
        var found = candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
        if (found != null) return found;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh")).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "No pwsh for the real-PowerShell import figure: run `dotnet build tests/Tools` (PowerShell under .tools/) or set WANDBAUTH_PWSH.");
    }

    public static Figures Measure()
    {
        var pwsh = FindPwsh();
        var empty = Directory.CreateTempSubdirectory("wandbauth-empty-module-");
        try
        {
            var emptyManifest = Path.Combine(empty.FullName, "Empty.psd1");
            File.WriteAllText(emptyManifest, "@{ ModuleVersion = '1.0.0'; GUID = '0b6d4f8e-3c1a-4f55-9e0d-2a7b5c8d1e3f' }");
            Start(pwsh, emptyManifest); // the first start warms the disk cache for both
            var module = new List<(double Wall, double Inside)>();
            var baseline = new List<(double Wall, double Inside)>();
            for (var i = 0; i < Runs; i++)
            {
                // Interleaved, so a change in the machine's load touches both alike.
                module.Add(Start(pwsh, Repo.Manifest));
                baseline.Add(Start(pwsh, emptyManifest));
            }
            return new Figures(pwsh, Runs, Repo.Median(module.Select(m => m.Wall)), Repo.Median(baseline.Select(b => b.Wall)),
                Repo.Median(module.Select(m => m.Inside)), Repo.Median(baseline.Select(b => b.Inside)));
        }
        finally { empty.Delete(recursive: true); }
    }

    /// <summary>One `pwsh -NoProfile -c Import-Module`: wall time of the process, and the import as pwsh timed it.</summary>
    private static (double Wall, double Inside) Start(string pwsh, string manifest)
    {
        var psi = new ProcessStartInfo(pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-Command",
                     $"[Console]::Out.WriteLine((Measure-Command {{ Import-Module '{manifest.Replace("'", "''")}' -ErrorAction Stop }}).TotalMilliseconds.ToString([cultureinfo]::InvariantCulture))" })
            psi.ArgumentList.Add(a);
        psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pwsh failed to import {manifest}: {error}");
        return (clock.Elapsed.TotalMilliseconds, double.Parse(output.Trim(), CultureInfo.InvariantCulture));
    }
}
