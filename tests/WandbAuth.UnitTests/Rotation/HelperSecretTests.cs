using WandbAuth.Rotation;
using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>
/// The helper secrets (state, pending) are cleared by overwriting them with a tombstone, never removed, so a vault
/// that soft-deletes can rotate again; a cleared one is never taken for a key or a state.
/// </summary>
public class HelperSecretTests
{
    private const string Secret = "WandbApiKey", Pending = Secret + "-WandbPending", State = Secret + "-WandbRotation";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Finished_rotation_leaves_no_key_in_the_pending_secret(bool keepOldKey)
    {
        await using var bed = await RotationBed.StartAsync(MemoryVault.AzureKeyVaultLike());
        bed.SeedKey("alice", Secret);

        var result = await bed.RotateAsync(Secret, r => r.KeepOldKey = keepOldKey);

        Assert.Equal(RotationStatus.Completed, result.Status);
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(State));
        Assert.DoesNotContain(bed.Vault.Calls, c => c.Op == VaultOp.Remove);
    }

    [Fact]
    public async Task Rolled_back_rotation_leaves_no_key_in_the_pending_secret_and_the_next_one_succeeds()
    {
        await using var bed = await RotationBed.StartAsync(MemoryVault.AzureKeyVaultLike());
        var oldKey = bed.SeedKey("alice", Secret);

        var rolledBack = await bed.RotateAsync(Secret, r => r.TestScript = (_, _) => throw new InvalidOperationException("smoke test: 403"));
        var pendingAfterRollback = bed.Vault.Peek(Pending);
        var next = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.RolledBack, rolledBack.Status);
        Assert.Equal(VaultSteps.Tombstone, pendingAfterRollback);
        Assert.Equal(RotationStatus.Completed, next.Status);
        bed.AssertRotated(Secret, "alice", oldKey);
    }

    [Fact]
    public async Task Resumed_rotation_leaves_no_key_in_the_pending_secret()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        bed.Vault.After = c => { if (c.Is(VaultOp.Set, Pending)) throw bed.Crash(); };
        await bed.RotateAsync(Secret);
        bed.Restart();
        Assert.NotEqual(VaultSteps.Tombstone, bed.Vault.Peek(Pending));   // the crash left the new key there

        var resumed = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Resumed, resumed.Status);
        bed.AssertRotated(Secret, "alice", oldKey);
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));
    }

    [Fact]
    public async Task Tombstoned_pending_secret_is_not_mistaken_for_a_key_on_resume()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        await bed.RotateAsync(Secret);
        var firstKey = bed.AssertRotated(Secret, "alice", oldKey);
        // The second rotation dies after its create, before it parks the new key: the pending secret still holds
        // the first rotation's tombstone while the state says a rotation is under way.
        bed.Vault.Before = c => { if (c.Is(VaultOp.Set, Pending)) throw bed.Crash(); };
        await bed.RotateAsync(Secret);
        bed.Restart();
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));
        Assert.Contains("\"Phase\":\"Creating\"", bed.Vault.Peek(State));
        Assert.Equal(2, bed.State.Keys("alice").Count);

        var resumed = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Resumed, resumed.Status);
        Assert.Contains("1 unheld key(s) from the interrupted rotation were deleted", resumed.Message);
        bed.AssertRotated(Secret, "alice", firstKey);
        bed.AssertNoKeyIn(resumed, oldKey, firstKey);
    }

    [Theory]
    [InlineData(Pending)]
    [InlineData(State)]
    public async Task Helper_secrets_found_beside_the_keys_are_never_rotated(string helper)
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        // An interrupted rotation: the pending secret holds its new, working key.
        bed.Vault.After = c => { if (c.Is(VaultOp.Set, Pending)) throw bed.Crash(); };
        await bed.RotateAsync(Secret);
        bed.Restart();
        var pendingKey = bed.Vault.Peek(Pending)!;
        var before = bed.Vault.Names().ToDictionary(n => n, bed.Vault.Peek);

        var result = await bed.Runner().RotateAsync(bed.Request(helper, connectAs: oldKey));

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains($"is a working secret of the rotation of '{Secret}'", result.Message);
        Assert.Equal(before, bed.Vault.Names().ToDictionary(n => n, bed.Vault.Peek));
        Assert.True(bed.State.IsLive(pendingKey));
        Assert.Equal(2, bed.State.Keys("alice").Count);
        bed.AssertNoKeyIn(result, oldKey, pendingKey);
    }

    [Fact]
    public async Task Secret_holding_the_tombstone_text_is_reported_as_not_a_key()
    {
        // Only helper secrets are ever cleared; the secret itself holding that text is not "absent".
        await using var bed = await RotationBed.StartAsync();
        bed.State.AddUser("alice");
        bed.Vault.Put(Secret, VaultSteps.Tombstone);

        var result = await bed.Runner().RotateAsync(bed.Request(Secret, connectAs: bed.State.IssueKey("alice", "laptop")));

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("does not hold a W&B API key", result.Message);
        Assert.False(bed.Vault.Has(State));
    }
}
