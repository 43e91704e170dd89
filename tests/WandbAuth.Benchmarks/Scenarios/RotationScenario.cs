using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using SecretManagement.StandIn;
using WandbAuth.Emulator;

namespace WandbAuth.Benchmarks.Scenarios;

/// <summary>
/// 16 piped secrets rotated with 50 ms of server latency: -ThrottleLimit 8 against one after another
/// (-ThrottleLimit 1). Budget: the throttled run takes at most a quarter of the sequential one.
/// </summary>
internal static class RotationScenario
{
    private const int Secrets = 16;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync()
    {
        await using var emulator = await WandbEmulator.StartAsync(new EmulatorOptions { Latency = Latency });
        var state = InitialSessionState.CreateDefault2();
        StandInModule.ImportInto(state);
        state.ImportPSModule(Repo.Manifest);
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("BaseUrl", emulator.BaseUrl.ToString());

        Rotate(runspace, emulator, throttle: 8); // warm-up: JIT, connection pool
        emulator.Requests.Clear();
        var sequential = Rotate(runspace, emulator, throttle: 1);
        var requestsPerRotation = (double)emulator.Requests.All.Count / Secrets;
        var parallel = Rotate(runspace, emulator, throttle: 8);
        var ratio = parallel.TotalMilliseconds / sequential.TotalMilliseconds;

        var body = $"""
            Measured {Report.Machine}. Emulator in the same process on 127.0.0.1 with {Latency.TotalMilliseconds:0} ms added to every request; {Secrets} secrets in an in-memory SecretManagement stand-in vault, each holding a key of its own user, piped from `Get-SecretInfo` into `Invoke-WandbKeyRotation -Confirm:$false` in a hosted runspace.

            | run | wall time |
            | --- | ---: |
            | `-ThrottleLimit 1` (one after another) | {sequential.TotalMilliseconds:0} ms |
            | `-ThrottleLimit 8` | {parallel.TotalMilliseconds:0} ms |

            Ratio: **{ratio:0.00}** of the sequential time (budget 0.25: {(ratio <= 0.25 ? "met" : "NOT met")}). Each rotation made {requestsPerRotation:0.0} requests on average (from the emulator's log), each paying the 50 ms, so latency dominates; vault calls and scripts run on the pipeline thread, one at a time, while the requests of up to 8 rotations are in flight.
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
