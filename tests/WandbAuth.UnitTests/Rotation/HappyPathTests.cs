using WandbAuth.Emulator;
using WandbAuth.UnitTests.Rotation.Support;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

public class HappyPathTests
{
    [Fact]
    public async Task Rotation_leaves_one_new_working_key_in_the_secret_and_deletes_the_old_one()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Completed, result.Status);
        var newKey = bed.AssertRotated("WandbApiKey", "alice", oldKey);
        Assert.Equal("alice", result.Owner);
        Assert.Equal(bed.State.KeyIdOf(newKey), result.NewKeyId);
        Assert.Equal(TestKeys.KeyIdOf(oldKey), result.OldKeyId);
        Assert.Equal(result.NewKeyId, bed.Vault.MetadataOf("WandbApiKey")!["KeyId"]);
        bed.AssertNoKeyIn(result, oldKey, newKey);
    }

    [Fact]
    public async Task New_key_is_named_as_asked_and_carries_the_run_marker()
    {
        await using var bed = await RotationBed.StartAsync();
        bed.SeedKey("alice", "WandbApiKey");

        await bed.RotateAsync("WandbApiKey", r => r.NewKeyName = "ci pipeline");

        var description = Assert.Single(bed.State.Keys("alice")).Description;
        Assert.Matches(@"^ci pipeline \[wandbauth:[0-9a-f]{16}\]$", description);
    }

    [Fact]
    public async Task Keep_old_key_stores_the_new_key_and_leaves_the_old_one_live()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");

        var result = await bed.RotateAsync("WandbApiKey", r => r.KeepOldKey = true);

        Assert.Equal(RotationStatus.Completed, result.Status);
        Assert.NotEqual(oldKey, bed.Vault.Peek("WandbApiKey"));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.Equal(2, bed.State.Keys("alice").Count);
        bed.AssertNoWorkingSecrets("WandbApiKey");
    }

    [Fact]
    public async Task Scripts_get_the_new_key_before_it_replaces_the_old_one()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        var seen = new List<string>();

        await bed.RotateAsync("WandbApiKey", r =>
        {
            r.TestScript = (key, _) => { seen.Add("test:" + Same(key, bed.Vault.Peek("WandbApiKey-WandbPending"))); return Task.CompletedTask; };
            r.UpdateScript = (key, _) => { seen.Add("update:" + (bed.Vault.Peek("WandbApiKey") == oldKey)); return Task.CompletedTask; };
        });

        Assert.Equal(["test:True", "update:True"], seen);
    }

    private static bool Same(System.Security.SecureString key, string? text) => text != null && Credentials.SecretText.Reveal(key) == text;
}
