using System.Management.Automation;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// Azure Key Vault soft-deletes: a removed secret's name cannot be written again until it is purged. Other
/// vault kinds free the name at once.
/// </summary>
public sealed class SoftDeleteTests : StandInTest
{
    private const string Refusal =
        "Secret k is currently in a deleted but recoverable state, and its name cannot be reused; " +
        "in this state, the secret can only be recovered or purged.";

    [Fact]
    public void An_AzureKeyVaultLike_vault_refuses_to_reuse_a_removed_name_until_it_is_purged()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);
        StandInVaults.Seed("Akv", "k", "v1");
        Assert.Empty(Shell.Run("Remove-Secret -Name k -Vault Akv").Errors);

        var refused = Shell.Run("Set-Secret -Name k -Secret 'v2' -Vault Akv; 'script went on'");

        var error = refused.SingleError();
        Assert.Equal(Refusal, error.Exception.Message);
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Equal(["script went on"], refused.Output);
        Assert.False(StandInVaults.Contains("Akv", "k"));

        Assert.True(StandInVaults.Purge("Akv", "k"));
        var after = Shell.Run("Set-Secret -Name k -Secret 'v3' -Vault Akv");

        Assert.Empty(after.Errors);
        Assert.Equal("v3", StandInVaults.PeekPlainText("Akv", "k"));
    }

    [Fact]
    public void NoClobber_on_a_soft_deleted_name_finds_nothing_and_then_the_write_is_refused()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);
        StandInVaults.Seed("Akv", "k", "v1");
        Shell.Run("Remove-Secret -Name k -Vault Akv");

        var result = Shell.Run("Set-Secret -Name k -Secret 'v2' -Vault Akv -NoClobber");

        // Not "already exists": the deleted secret is invisible, yet its name is taken.
        Assert.Equal(Refusal, result.SingleError().Exception.Message);
        Assert.False(StandInVaults.Contains("Akv", "k"));
    }

    [Fact]
    public void A_soft_deleted_secret_is_neither_readable_nor_listed()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);
        StandInVaults.Seed("Akv", "k", "v1");
        Shell.Run("Remove-Secret -Name k -Vault Akv");

        var read = Shell.Run("Get-Secret -Name k -Vault Akv");
        var listed = Shell.Run("Get-SecretInfo -Vault Akv");
        var removedAgain = Shell.Run("Remove-Secret -Name k -Vault Akv");

        Assert.Equal("GetSecretNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand", read.SingleError().FullyQualifiedErrorId);
        Assert.Empty(listed.Output);
        Assert.Equal(ErrorCategory.ObjectNotFound, removedAgain.SingleError().CategoryInfo.Category);
    }

    [Fact]
    public void Overwriting_a_live_secret_in_an_AzureKeyVaultLike_vault_is_never_refused()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);
        StandInVaults.Seed("Akv", "k", "v1");

        var result = Shell.Run("Set-Secret -Name k -Secret 'v2' -Vault Akv; Set-Secret -Name k -Secret 'v3' -Vault Akv");

        Assert.Empty(result.Errors);
        Assert.Equal("v3", StandInVaults.PeekPlainText("Akv", "k"));
        Assert.False(StandInVaults.Purge("Akv", "k"));
    }

    [Theory]
    [InlineData(VaultKind.Full)]
    [InlineData(VaultKind.NoMetadata)]
    public void Other_vault_kinds_free_a_removed_name_at_once(VaultKind kind)
    {
        StandInVaults.Register("V", kind);
        StandInVaults.Seed("V", "k", "v1");
        Shell.Run("Remove-Secret -Name k -Vault V");

        var result = Shell.Run("Set-Secret -Name k -Secret 'v2' -Vault V -NoClobber");

        Assert.Empty(result.Errors);
        Assert.Equal("v2", StandInVaults.PeekPlainText("V", "k"));
        Assert.False(StandInVaults.Purge("V", "k"));
    }

    [Fact]
    public void Seeding_a_soft_deleted_name_makes_it_a_live_secret_again()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);
        StandInVaults.Seed("Akv", "k", "v1");
        Shell.Run("Remove-Secret -Name k -Vault Akv");

        StandInVaults.Seed("Akv", "k", "v2");
        var result = Shell.Run("Set-Secret -Name k -Secret 'v3' -Vault Akv");

        Assert.Empty(result.Errors);
        Assert.Equal("v3", StandInVaults.PeekPlainText("Akv", "k"));
    }
}
