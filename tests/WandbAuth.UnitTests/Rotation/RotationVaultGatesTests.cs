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
}
