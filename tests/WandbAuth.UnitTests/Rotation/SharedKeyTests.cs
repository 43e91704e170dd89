using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>Two secrets of one batch holding the same key: rotating one would delete the key the other holds.</summary>
public class SharedKeyTests
{
    [Fact]
    public async Task Secrets_of_one_batch_holding_the_same_key_are_refused_before_anything_changes()
    {
        await using var bed = await RotationBed.StartAsync();
        var shared = bed.SeedKey("alice", "Trainer");
        bed.Vault.Put("TrainerCopy", shared + "\n");              // the same key, pasted with a line break
        var own = bed.SeedKey("bob", "Ingest");
        var requests = new[] { bed.Request("Trainer"), bed.Request("TrainerCopy", connectAs: shared), bed.Request("Ingest") };

        var results = await bed.Runner().RotateAllAsync(requests, throttleLimit: 4);

        Assert.Equal([RotationStatus.Failed, RotationStatus.Failed, RotationStatus.Completed], results.Select(r => r.Status));
        Assert.Contains("holds the same key as 'TrainerCopy' in vault 'TestVault'", results[0].Message);
        Assert.Contains("holds the same key as 'Trainer' in vault 'TestVault'", results[1].Message);
        Assert.All(results.Take(2), r => Assert.Contains("nothing was changed", r.Message));
        Assert.Equal(shared, bed.Vault.Peek("Trainer"));
        Assert.True(bed.State.IsLive(shared));
        Assert.Single(bed.State.Keys("alice"));
        Assert.False(bed.Vault.Has("Trainer-WandbRotation"));
        bed.AssertRotated("Ingest", "bob", own);
        Assert.All(results, r => bed.AssertNoKeyIn(r, shared));
    }

    [Fact]
    public async Task A_single_secret_is_read_only_by_its_own_rotation()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "Trainer");

        await bed.Runner().RotateAllAsync([bed.Request("Trainer")], throttleLimit: 4);

        bed.AssertRotated("Trainer", "alice", oldKey);
        Assert.Equal(3, bed.Vault.Calls.Count(c => c.Is(Support.VaultOp.Get, "Trainer")));   // read, promote read-back, check before the delete
    }
}
