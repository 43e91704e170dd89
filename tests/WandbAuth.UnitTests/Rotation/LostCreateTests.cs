using WandbAuth.Emulator;
using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>generateApiKey may happen on the server while its answer is lost: that key is held by nobody.</summary>
public class LostCreateTests
{
    [Fact]
    public async Task Key_whose_create_answer_was_lost_is_found_by_its_marker_and_deleted()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        bed.Server.Faults.Enqueue(Fault.CommitThenLoseResponse(), "GenerateApiKey");

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Completed, result.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
        Assert.Equal(2, bed.Server.Requests.ForOperation("GenerateApiKey").Count);
    }

    [Fact]
    public async Task Create_lost_twice_fails_with_the_old_key_kept_and_no_extra_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        bed.Server.Faults.Enqueue(Fault.CommitThenLoseResponse(), "GenerateApiKey", times: 2);

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("Nothing was changed", result.Message);
        bed.AssertUntouched("WandbApiKey", "alice", oldKey);
    }
}
