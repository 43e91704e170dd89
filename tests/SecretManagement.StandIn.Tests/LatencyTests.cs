using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// An injectable round trip per vault call, for the benchmarks: it is waited outside the stand-in's lock, as calls to
/// a network vault wait side by side. No timing is asserted here, only order.
/// </summary>
public sealed class LatencyTests : StandInTest
{
    [Fact]
    public async Task A_call_waiting_out_its_latency_holds_up_no_other_runspace()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "slow", "s");
        StandInVaults.Seed("Main", "k", "v");
        using var slowStarted = new ManualResetEventSlim();
        StandInVaults.BeforeOperation = op =>
        {
            if (op.Name == "slow") slowStarted.Set();
            return null;
        };
        StandInVaults.Latency = TimeSpan.FromSeconds(1);

        var slow = Task.Run(() =>
        {
            using var shell = new HostedPowerShell();
            return shell.Run("Get-Secret -Name slow -Vault Main -AsPlainText");
        });
        Assert.True(slowStarted.Wait(TimeSpan.FromSeconds(30)));
        StandInVaults.Latency = TimeSpan.Zero;
        var meanwhile = Shell.Run("Get-Secret -Name k -Vault Main -AsPlainText").SingleOutput();
        var slowLoggedYet = StandInVaults.Operations.Any(o => o.Name == "slow");

        Assert.Equal("v", meanwhile);
        Assert.False(slowLoggedYet, "the slow call was still waiting out its latency");
        Assert.Equal("s", (await slow).SingleOutput());
    }

    [Fact]
    public void Latency_belongs_to_the_vault_so_Restart_keeps_it_and_Reset_clears_it()
    {
        StandInVaults.Latency = TimeSpan.FromMilliseconds(1);
        StandInVaults.Restart();
        var afterRestart = StandInVaults.Latency;
        StandInVaults.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(1), afterRestart);
        Assert.Equal(TimeSpan.Zero, StandInVaults.Latency);
        Assert.Throws<ArgumentOutOfRangeException>(() => StandInVaults.Latency = TimeSpan.FromMilliseconds(-1));
    }
}
