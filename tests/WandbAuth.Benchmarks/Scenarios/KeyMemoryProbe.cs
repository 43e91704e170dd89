using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;

namespace WandbAuth.Benchmarks.Scenarios;

/// <summary>
/// The child process of the key-listing memory measurement: it holds only the client (module, runspace, pipeline),
/// while the emulator runs in the parent, so the figures are the module's alone. Connect-Wandb finds the key in
/// WANDB_API_KEY and the server in WANDB_BASE_URL, as in a pipeline; no key is ever on a command line.
/// Prints one JSON line.
/// </summary>
public static class KeyMemoryProbe
{
    public const string Verb = "_keys-memory-probe";
    public const string ModeVariable = "WANDBAUTH_BENCH_MODE";

    private static long _maxLive;
    private static int _samples;

    /// <summary>Called from the pipeline every so many keys: a full collection, then the live managed heap.</summary>
    public static void Sample()
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        _samples++;
        if (live > _maxLive) _maxLive = live;
    }

    public static int Run()
    {
        var mode = Environment.GetEnvironmentVariable(ModeVariable) ?? "stream";
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(Repo.Manifest);
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        Invoke(runspace, "$null = Connect-Wandb -Verify; $null = Get-WandbApiKey");

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        // Every 250th key, measure what is alive. "collect" keeps every key (the control: that must grow).
        var script = mode == "collect"
            ? "$all = [System.Collections.Generic.List[object]]::new(); Get-WandbApiKey -All | ForEach-Object { $all.Add($_); if ($all.Count % 250 -eq 0) { [WandbAuth.Benchmarks.Scenarios.KeyMemoryProbe]::Sample() } }; $all.Count"
            : "$n = 0; Get-WandbApiKey -All | ForEach-Object { $n++; if ($n % 250 -eq 0) { [WandbAuth.Benchmarks.Scenarios.KeyMemoryProbe]::Sample() } }; $n";
        var count = (int)Invoke(runspace, script).Single().BaseObject;
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new ProbeResult(mode, count, baseline, _maxLive, _samples, allocated, self.PeakWorkingSet64, clock.Elapsed.TotalMilliseconds)));
        return 0;
    }

    private static System.Collections.ObjectModel.Collection<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var output = ps.AddScript(script).Invoke();
        if (ps.HadErrors) throw new InvalidOperationException("The probe's script failed: " + ps.Streams.Error[0]);
        return output;
    }
}

public sealed record ProbeResult(string Mode, int Keys, long BaselineLiveBytes, long MaxLiveBytes, int Samples, long AllocatedBytes, long PeakWorkingSetBytes, double Milliseconds)
{
    public long GrowthBytes => MaxLiveBytes - BaselineLiveBytes;
}
