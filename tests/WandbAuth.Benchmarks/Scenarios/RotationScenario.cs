using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using SecretManagement.StandIn;
using WandbAuth.Emulator;

namespace WandbAuth.Benchmarks.Scenarios;

/// <summary>
/// 16 piped secrets rotated against a slow vault (100 ms per vault call, as Azure Key Vault answers) and a slow server
/// (50 ms per request): -ThrottleLimit 8 against one after another (-ThrottleLimit 1). Budget: the throttled run takes
/// at most a quarter of the sequential one. Also: vault calls and W&amp;B requests per rotation, and the throttled run
/// against its floor, (rounds of ThrottleLimit) x (one rotation's sequential latency).
/// </summary>
internal static class RotationScenario
{
    private const int Secrets = 16, Throttle = 8;
    private static readonly TimeSpan ServerLatency = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan VaultLatency = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync()
    {
        await using var emulator = await WandbEmulator.StartAsync(new EmulatorOptions { Latency = ServerLatency });
        var state = InitialSessionState.CreateDefault2();
        StandInModule.ImportInto(state);
        state.ImportPSModule(Repo.Manifest);
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("BaseUrl", emulator.BaseUrl.ToString());

        Rotate(runspace, emulator, Throttle); // warm-up: JIT, connection pool
        emulator.Requests.Clear();
        var sequential = Rotate(runspace, emulator, throttle: 1);
        var vaultCalls = StandInVaults.Operations.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => (double)g.Count() / Secrets);
        var requests = emulator.Requests.All.GroupBy(r => r.OperationName ?? "(none)").ToDictionary(g => g.Key, g => (double)g.Count() / Secrets);
        var parallel = Rotate(runspace, emulator, Throttle);

        var ratio = parallel.TotalMilliseconds / sequential.TotalMilliseconds;
        var one = sequential.TotalMilliseconds / Secrets;
        var rounds = (Secrets + Throttle - 1) / Throttle;
        var floor = rounds * one;
        string PerKind<TKey>(Dictionary<TKey, double> counts) where TKey : notnull =>
            string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:0.#}"));

        var body = $"""
            Measured {Report.Machine}. Emulator in the same process on 127.0.0.1 with {ServerLatency.TotalMilliseconds:0} ms added to every request; {Secrets} secrets in an in-memory SecretManagement stand-in vault with {VaultLatency.TotalMilliseconds:0} ms added to every vault call (`StandInVaults.Latency`), each holding a key of its own user, piped from `Get-SecretInfo` into `Invoke-WandbKeyRotation -Confirm:$false` in a hosted runspace.

            | run | wall time |
            | --- | ---: |
            | `-ThrottleLimit 1` (one after another) | {sequential.TotalMilliseconds:0} ms |
            | `-ThrottleLimit {Throttle}` | {parallel.TotalMilliseconds:0} ms |

            Ratio: **{ratio:0.00}** of the sequential time (budget 0.25: {(ratio <= 0.25 ? "met" : "NOT met")}).

            Floor: {rounds} rounds of {Throttle} x {one:0} ms (one rotation's sequential latency, the `-ThrottleLimit 1` run divided by {Secrets}) = {floor:0} ms; the throttled run took **{parallel.TotalMilliseconds / floor:0.00}x** the floor.

            Per rotation (from the `-ThrottleLimit 1` run): **{vaultCalls.Values.Sum():0.#} vault calls** as the vault sees them (stand-in operation log: {PerKind(vaultCalls)}) and **{requests.Values.Sum():0.#} W&B requests** ({PerKind(requests)}). These are first rotations of fresh secrets: 14 calls of the rotation's own, one more operation because `Set-Secret -NoClobber` (the first claim of a state secret) is a Get and a Set, one read per secret for the batch's shared-key check, and `Get-SecretInfo` once for the whole pipe. A secret rotated before costs 15 calls of its own (its cleared state is claimed by a write and a read-back). Vault calls run in {Throttle} runspaces of their own in the throttled run, on the pipeline thread in the sequential one.
            """;
        Console.WriteLine(body);
        Report.WriteSection("Rotation", body);
    }

    private static TimeSpan Rotate(Runspace runspace, WandbEmulator emulator, int throttle)
    {
        StandInVaults.Reset();
        StandInVaults.Register("Bench", VaultKind.Full, isDefault: true);
        for (int i = 0; i < Secrets; i++)
        {
            var user = $"svc{throttle}-{Guid.NewGuid():N}"[..20];
            emulator.State.AddUser(user);
            StandInVaults.Seed("Bench", $"Wandb-{i:00}", Secure(emulator.State.IssueKey(user, "benchmark")));
        }
        StandInVaults.Latency = VaultLatency;
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript($"Get-SecretInfo -Vault Bench | Invoke-WandbKeyRotation -BaseUrl $BaseUrl -ThrottleLimit {throttle} -Confirm:$false");
        var clock = Stopwatch.StartNew();
        var results = ps.Invoke();
        clock.Stop();
        var completed = results.Count(r => r.Properties["Status"].Value?.ToString() == "Completed");
        if (completed != Secrets) throw new InvalidOperationException($"Only {completed} of {Secrets} rotations completed: {string.Join("; ", ps.Streams.Error)}");
        return clock.Elapsed;
    }

    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
}
