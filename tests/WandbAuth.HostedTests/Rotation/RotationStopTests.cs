using System.Management.Automation;
using SecretManagement.StandIn;

namespace WandbAuth.HostedTests.Rotation;

/// <summary>Ctrl+C in the middle of a rotation: the vault keeps a working key and the next run finishes the job.</summary>
public class RotationStopTests : RotationHostedTest
{
    [Fact]
    public void Stopping_during_the_update_script_keeps_the_old_key_and_the_next_run_completes()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        using var ps = PowerShell.Create();
        ps.Runspace = Ps.Runspace;
        ps.AddScript("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false -UpdateScript { while ($true) { $null = 1 } }");

        var running = ps.BeginInvoke();
        // The update script runs once the new key exists and is parked; then the user presses Ctrl+C.
        Assert.True(SpinWait.SpinUntil(() => Emulator.State.Keys("alice2").Count == 2 && StandInVaults.Contains(LocalVault, "WandbApiKey-WandbPending"),
            TimeSpan.FromSeconds(20)));
        Thread.Sleep(200);
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));

        Assert.Equal(oldKey, Stored("WandbApiKey"));
        Assert.True(Emulator.State.IsLive(oldKey));

        var next = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Contains(Prop(next.Single(), "Status"), new[] { "Completed", "Resumed" });
        AssertRotated("WandbApiKey", "alice2", oldKey);
        Assert.Single(Emulator.State.Keys("alice2"));
    }
}
