using System.Management.Automation;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// CrashWhen models the process dying mid-rotation: the vaults stay exactly as they were at that instant,
/// whatever the code under test tries afterwards, until Restart.
/// </summary>
public sealed class SimulatedCrashTests : StandInTest
{
    public SimulatedCrashTests()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "old-key", "old");
    }

    [Fact]
    public void A_crash_before_a_write_stops_the_pipeline_and_the_write_never_happens()
    {
        StandInVaults.CrashWhen(op => op.Kind == VaultOperationKind.Set && op.Name == "new-key");

        var result = Shell.Run("Set-Secret -Name new-key -Secret 'new'; 'not reached'");

        Assert.Equal(PSInvocationState.Stopped, result.State);
        Assert.Empty(result.Output);
        Assert.True(StandInVaults.HasCrashed);
        Assert.Equal("new-key", StandInVaults.CrashedAt!.Name);
        Assert.False(StandInVaults.Contains("Main", "new-key"));
    }

    [Fact]
    public void A_crash_after_commit_keeps_the_write_and_nothing_after_it_runs()
    {
        StandInVaults.CrashWhen(op => op.Kind == VaultOperationKind.Set, afterCommit: true);

        var result = Shell.Run("Set-Secret -Name new-key -Secret 'new'; Remove-Secret -Name old-key -Vault Main");

        Assert.Equal(PSInvocationState.Stopped, result.State);
        Assert.Equal("new", StandInVaults.PeekPlainText("Main", "new-key"));
        Assert.True(StandInVaults.Contains("Main", "old-key"));
    }

    [Fact]
    public void After_a_crash_no_runspace_can_change_the_vaults_until_Restart()
    {
        StandInVaults.CrashWhen(op => op.Kind == VaultOperationKind.Set);
        Shell.Run("Set-Secret -Name new-key -Secret 'new'");

        // Code under test that catches the failure and tries to clean up, even from another runspace.
        using var other = new HostedPowerShell();
        var cleanup = other.Run("Remove-Secret -Name old-key -Vault Main");

        Assert.Equal(PSInvocationState.Stopped, cleanup.State);
        Assert.True(StandInVaults.Contains("Main", "old-key"));
        Assert.Equal(
            ["Set Main/new-key Crashed", "Remove Main/old-key Crashed"],
            StandInVaults.Operations.Select(o => o.ToString()));
    }

    [Fact]
    public void Restart_thaws_the_vaults_with_the_contents_left_at_the_crash()
    {
        StandInVaults.CrashWhen(op => op.Kind == VaultOperationKind.Remove, afterCommit: false);
        Shell.Run("Set-Secret -Name new-key -Secret 'new'; Remove-Secret -Name old-key -Vault Main");

        StandInVaults.Restart();
        using var nextProcess = new HostedPowerShell();
        var result = nextProcess.Run("(Get-SecretInfo -Vault Main).Name");

        Assert.False(StandInVaults.HasCrashed);
        Assert.Equal(["new-key", "old-key"], result.Output);
    }
}
