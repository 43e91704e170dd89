using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace WandbAuth.Benchmarks.Scenarios;

/// <summary>
/// What Import-Module of out/WandbAuth adds to a fresh runspace (budget: 150 ms). The engine's own first
/// Import-Module (compiling the import machinery) is paid once by importing another small binary module, the
/// SecretManagement stand-in, so the cold figure is WandbAuth's own: loading its assembly, finding its cmdlets,
/// reading its formats. Later imports measure the per-runspace cost. The same import in a real pwsh process comes
/// beside it (<see cref="PwshImport"/>).
/// </summary>
internal static class ImportScenario
{
    private const int WarmRuns = 25;

    public static Task RunAsync()
    {
        // Warm the engine itself so its own start-up is not charged to the module.
        TimeImport(null);
        var engineFirstImport = TimeImport(SecretManagement.StandIn.StandInModule.ManifestPath);
        var cold = TimeImport(Repo.Manifest);
        var warm = Enumerable.Range(0, WarmRuns).Select(_ => TimeImport(Repo.Manifest)).ToList();
        var baseline = Enumerable.Range(0, WarmRuns).Select(_ => TimeImport(null)).ToList();
        var pwsh = PwshImport.Measure();
        var body = $"""
            Measured {Report.Machine}. Each figure is `Import-Module` of `out/WandbAuth` (Release build) into a newly opened runspace of the hosted PowerShell {typeof(PSObject).Assembly.GetName().Version} engine, timed with a Stopwatch around the import alone.

            | what | time |
            | --- | ---: |
            | the engine's own first `Import-Module` (the SecretManagement stand-in, a small binary module), paid once per process by any first import | {engineFirstImport:F1} ms |
            | first import of WandbAuth in the process: loading its assembly, finding its cmdlets, reading its formats | **{cold:F1} ms** |
            | later imports into fresh runspaces, median of {WarmRuns} (max) | {Repo.Median(warm):F1} ms ({warm.Max():F1} ms) |
            | the same runspace and script without the import (baseline), median | {Repo.Median(baseline):F1} ms |

            Budget: at most 150 ms added to a fresh runspace ({(cold <= 150 ? "met" : "NOT met")} for the cold import). Nothing runs at import: no HTTP, no vault call, no reflection scan beyond PowerShell's own cmdlet discovery.

            In a real pwsh ({pwsh.Pwsh.Replace(Repo.Root, ".")}), as a user starts it: `pwsh -NoProfile -c 'Import-Module ./out/WandbAuth'`, against the same start importing an empty module (a manifest and nothing else), {pwsh.Runs} starts of each, interleaved, medians:

            | what | WandbAuth | empty module | WandbAuth's own cost |
            | --- | ---: | ---: | ---: |
            | the whole pwsh process, wall clock | {pwsh.ModuleWall:F0} ms | {pwsh.EmptyWall:F0} ms | **{pwsh.ModuleWall - pwsh.EmptyWall:F0} ms** |
            | `Import-Module` alone, timed inside pwsh (`Measure-Command`) | {pwsh.ModuleInside:F1} ms | {pwsh.EmptyInside:F1} ms | {pwsh.ModuleInside - pwsh.EmptyInside:F1} ms |
            """;
        Console.WriteLine(body);
        Report.WriteSection("Import", body);
        return Task.CompletedTask;
    }

    /// <summary>Milliseconds for `Import-Module manifest` in a newly opened runspace (or an empty script when null).</summary>
    private static double TimeImport(string? manifest)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        if (manifest != null) ps.AddCommand("Import-Module").AddParameter("Name", manifest);
        else ps.AddScript("$null");
        var clock = Stopwatch.StartNew();
        ps.Invoke();
        clock.Stop();
        if (ps.HadErrors) throw new InvalidOperationException("Import failed: " + ps.Streams.Error[0]);
        return clock.Elapsed.TotalMilliseconds;
    }
}
