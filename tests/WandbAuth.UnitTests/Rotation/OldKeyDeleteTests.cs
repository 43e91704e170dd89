using WandbAuth.Emulator;
using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>When the old key's delete is refused the vault already holds the new key; the next run finishes.</summary>
public class OldKeyDeleteTests
{
    [Fact]
    public async Task Refused_delete_fails_with_the_new_key_in_place_and_the_next_run_finishes_it()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        bed.Server.Faults.Enqueue(Fault.GraphQLError("internal error while deleting"), "DeleteApiKey");

        var first = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Failed, first.Status);
        Assert.Contains("holds the new, working key", first.Message);
        Assert.Contains("next Invoke-WandbKeyRotation", first.Message);
        var newKey = bed.Vault.Peek("WandbApiKey")!;
        Assert.NotEqual(oldKey, newKey);
        Assert.True(bed.State.IsLive(newKey));
        Assert.True(bed.State.IsLive(oldKey));

        var second = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Resumed, second.Status);
        Assert.Equal(newKey, bed.AssertRotated("WandbApiKey", "alice", oldKey));
        Assert.Equal(first.NewKeyId, second.NewKeyId);
    }

    [Fact]
    public async Task Old_key_deleted_by_someone_else_meanwhile_still_completes()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");

        var result = await bed.RotateAsync("WandbApiKey", r => r.UpdateScript = (_, _) =>
        {
            bed.State.Revoke(oldKey[..(9 + 24)]);
            return Task.CompletedTask;
        });

        Assert.Equal(RotationStatus.Completed, result.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
    }
}
