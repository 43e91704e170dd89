using WandbAuth.Emulator;
using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>The new key belongs to the old key's owner, whoever is connected, whatever the key's format.</summary>
public class KeyOwnershipTests
{
    [Fact]
    public async Task Service_account_key_rotated_over_an_admins_connection_stays_the_service_accounts()
    {
        await using var bed = await RotationBed.StartAsync();
        var adminKey = bed.SeedKey("admin", "AdminKey", admin: true);
        var oldKey = bed.SeedKey("ci-bot", "CiBotKey", type: AccountType.ServiceAccount);

        var request = bed.Request("CiBotKey", connectAs: adminKey);
        var result = await bed.Runner().RotateAsync(request);

        Assert.Equal(RotationStatus.Completed, result.Status);
        Assert.Equal("ci-bot", result.Owner);
        bed.AssertRotated("CiBotKey", "ci-bot", oldKey);
        Assert.Equal(adminKey, bed.Vault.Peek("AdminKey"));
        Assert.Single(bed.State.Keys("admin"));
    }

    [Fact]
    public async Task Legacy_40_character_key_is_rotated()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey", KeyFormat.Legacy40);
        Assert.Equal(40, oldKey.Length);

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Completed, result.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
        Assert.Equal(oldKey[..10], result.OldKeyId);
    }

    [Fact]
    public async Task Rejected_old_key_fails_without_changing_anything()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        var other = bed.State.IssueKey("alice", "another");
        bed.State.Revoke(bed.State.Keys("alice")[0].KeyId);

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("Nothing was changed", result.Message);
        Assert.Equal(oldKey, bed.Vault.Peek("WandbApiKey"));
        Assert.True(bed.State.IsLive(other));
        Assert.Single(bed.State.Keys("alice"));
        bed.AssertNoWorkingSecrets("WandbApiKey");
    }

    [Fact]
    public async Task Only_the_rotated_key_is_deleted_when_two_secrets_hold_keys_of_one_owner()
    {
        await using var bed = await RotationBed.StartAsync();
        var first = bed.SeedKey("ci-bot", "First", type: AccountType.ServiceAccount);
        var second = bed.SeedKey("ci-bot", "Second");

        var result = await bed.RotateAsync("First");

        Assert.Equal(RotationStatus.Completed, result.Status);
        Assert.False(bed.State.IsLive(first));
        Assert.True(bed.State.IsLive(second));
        Assert.True(bed.State.IsLive(bed.Vault.Peek("First")!));
        Assert.Equal(2, bed.State.Keys("ci-bot").Count);
    }
}
