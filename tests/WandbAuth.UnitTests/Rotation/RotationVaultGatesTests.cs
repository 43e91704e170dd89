using WandbAuth.Commands;
using WandbAuth.Vault;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>When a rotation batch gets vault workers of its own, and how many.</summary>
public class RotationVaultGatesTests
{
    private static readonly SecretManagementModule Compatible = new("/modules/SecretManagement.psd1", Guid.NewGuid(), new Version(1, 1, 2));
    private static readonly SecretManagementModule Microsofts = new("/modules/SecretManagement.psd1", SecretManagementModule.Microsofts, new Version(1, 1, 2));

    [Theory]
    [InlineData(16, 8, 8)]
    [InlineData(3, 8, 3)]     // no more workers than secrets
    [InlineData(16, 1, 0)]    // one at a time: the pipeline thread serves
    [InlineData(1, 8, 0)]     // one secret's calls are sequential anyway
    public void A_batch_gets_one_worker_per_rotation_running_at_once(int secrets, int throttleLimit, int workers) =>
        Assert.Equal(workers, RotationVaultGates.WorkersFor(Compatible, secrets, throttleLimit));

    [Fact]
    public void Microsofts_SecretManagement_keeps_vault_calls_one_at_a_time()
    {
        // Every extension-vault call of that module goes through one static runspace: overlapping calls fail.
        Assert.False(Microsofts.AllowsParallelCalls);
        Assert.Equal(0, RotationVaultGates.WorkersFor(Microsofts, 16, 8));
    }

    [Fact]
    public void Without_SecretManagement_there_are_no_workers() =>
        Assert.Equal(0, RotationVaultGates.WorkersFor(null, 16, 8));

    [Fact]
    public void With_Microsofts_SecretManagement_nothing_runs_beside_a_script_and_scripts_hold_the_lease_up_front()
    {
        using var gates = RotationVaultGates.Open(Microsofts, 1, 1, new NoGate());
        Assert.Null(gates.LeaseGate);
        Assert.Equal(WandbAuth.Rotation.RotationOptions.HeldScriptLease, gates.ScriptLease);
        Assert.Contains("SecretManagement#188", gates.Note);
    }

    [Fact]
    public void Without_SecretManagement_scripts_hold_the_lease_up_front_too()
    {
        using var gates = RotationVaultGates.Open(null, 4, 2, new NoGate());
        Assert.Null(gates.LeaseGate);
        Assert.NotNull(gates.ScriptLease);
    }

    [Fact]
    public void With_a_module_that_allows_overlapping_calls_the_lease_is_refreshed_beside_scripts()
    {
        using var gates = RotationVaultGates.Open(Compatible, 1, 8, new NoGate());
        Assert.NotNull(gates.LeaseGate);
        Assert.Null(gates.ScriptLease);
    }

    /// <summary>A gate no test calls: these tests only look at how the batch is laid out.</summary>
    private sealed class NoGate : WandbAuth.Rotation.IVaultGate
    {
        public Task<T> RunAsync<T>(Func<ISecretStore, T> work) => throw new InvalidOperationException("no vault call expected");
    }
}
