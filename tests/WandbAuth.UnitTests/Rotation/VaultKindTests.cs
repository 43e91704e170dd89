using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>Real vaults differ: some keep no metadata, Azure Key Vault takes only [0-9a-zA-Z-] in names.</summary>
public class VaultKindTests
{
    [Fact]
    public async Task Vault_without_metadata_is_rotated_with_state_kept_in_secrets()
    {
        await using var bed = await RotationBed.StartAsync(new MemoryVault(storesMetadata: false));
        var oldKey = bed.SeedKey("alice", "WandbApiKey");

        var result = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Completed, result.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
        Assert.Null(bed.Vault.MetadataOf("WandbApiKey"));
    }

    [Fact]
    public async Task Azure_Key_Vault_names_are_accepted_for_every_secret_the_rotation_writes()
    {
        await using var bed = await RotationBed.StartAsync(new MemoryVault("Prod", acceptsName: MemoryVault.AzureKeyVaultName));
        var oldKey = bed.SeedKey("alice", "WandbApiKey-wandb-example-com");

        var result = await bed.RotateAsync("WandbApiKey-wandb-example-com");

        Assert.Equal(RotationStatus.Completed, result.Status);
        bed.AssertRotated("WandbApiKey-wandb-example-com", "alice", oldKey);
        Assert.All(bed.Vault.Calls, c => Assert.True(MemoryVault.AzureKeyVaultName(c.Name), c.Name));
    }

    [Fact]
    public async Task Second_rotation_of_a_secret_in_an_Azure_Key_Vault_like_vault_succeeds()
    {
        // Key Vault soft-deletes: a helper secret removed by one rotation could not be written by the next.
        await using var bed = await RotationBed.StartAsync(MemoryVault.AzureKeyVaultLike());
        var oldKey = bed.SeedKey("alice", "WandbApiKey");

        var first = await bed.RotateAsync("WandbApiKey");
        var firstKey = bed.AssertRotated("WandbApiKey", "alice", oldKey);
        var second = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Completed, first.Status);
        Assert.True(second.Status == RotationStatus.Completed, second.Message);
        var secondKey = bed.AssertRotated("WandbApiKey", "alice", firstKey);
        Assert.Equal(RotationStatus.Completed, (await bed.RotateAsync("WandbApiKey")).Status);
        bed.AssertRotated("WandbApiKey", "alice", secondKey);
        Assert.DoesNotContain(bed.Vault.Calls, c => c.Op == VaultOp.Remove);
    }
}
