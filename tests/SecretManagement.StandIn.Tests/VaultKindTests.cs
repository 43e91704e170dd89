using System.Collections;
using System.Management.Automation;
using Microsoft.PowerShell.SecretManagement;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// Real vaults differ; each kind refuses what its real counterpart refuses, with nothing stored when it does,
/// so code that only works against a lenient vault fails in tests.
/// </summary>
public sealed class VaultKindTests : StandInTest
{
    [Fact]
    public void A_NoMetadata_vault_refuses_Set_Secret_with_Metadata_and_stores_nothing()
    {
        StandInVaults.Register("Plain", VaultKind.NoMetadata);

        var result = Shell.Run("Set-Secret -Name k -Secret 'v' -Vault Plain -Metadata @{ owner = 'ops' }");

        var error = result.SingleError();
        Assert.Equal("Cannot store secret k. Vault Plain does not support secret metadata.", error.Exception.Message);
        Assert.IsType<PSNotSupportedException>(error.Exception);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.False(StandInVaults.Contains("Plain", "k"));
    }

    [Fact]
    public void A_NoMetadata_vault_stores_a_secret_written_without_Metadata()
    {
        StandInVaults.Register("Plain", VaultKind.NoMetadata);

        var result = Shell.Run("Set-Secret -Name k -Secret 'v' -Vault Plain");

        Assert.Empty(result.Errors);
        Assert.Equal("v", StandInVaults.PeekPlainText("Plain", "k"));
    }

    [Fact]
    public void A_NoMetadata_vault_refuses_Set_SecretInfo()
    {
        StandInVaults.Register("Plain", VaultKind.NoMetadata);
        StandInVaults.Seed("Plain", "k", "v");

        var result = Shell.Run("Set-SecretInfo -Name k -Vault Plain -Metadata @{ owner = 'ops' }");

        Assert.Equal(
            "Cannot set secret metadata k. Vault Plain does not support secret metadata.",
            result.SingleError().Exception.Message);
    }

    [Fact]
    public void A_NoMetadata_vault_reports_empty_metadata()
    {
        StandInVaults.Register("Plain", VaultKind.NoMetadata);
        StandInVaults.Seed("Plain", "k", "v", new Hashtable { ["seeded"] = "ignored" });

        var info = (SecretInformation)Shell.Run("Get-SecretInfo -Name k -Vault Plain").SingleOutput()!;

        Assert.NotNull(info.Metadata);
        Assert.Empty(info.Metadata);
    }

    [Fact]
    public void A_Full_vault_keeps_string_int_and_DateTime_metadata_with_their_types()
    {
        StandInVaults.Register("Store");

        Shell.Run(
            "Set-Secret -Name k -Secret 'v' -Metadata @{ owner = 'ops'; generation = 3; created = [datetime]'2025-01-02' }");

        var metadata = ((SecretInformation)Shell.Run("Get-SecretInfo k").SingleOutput()!).Metadata;
        Assert.Equal("ops", metadata["owner"]);
        Assert.Equal(3, metadata["generation"]);
        Assert.Equal(new DateTime(2025, 1, 2), metadata["created"]);
    }

    [Theory]
    [InlineData("$true", "System.Boolean")]
    [InlineData("3000000000", "System.Int64")]
    [InlineData("@('a')", "System.Object[]")]
    public void A_Full_vault_refuses_metadata_types_SecretStore_does_not_accept(string value, string typeName)
    {
        StandInVaults.Register("Store");

        var result = Shell.Run($"Set-Secret -Name k -Secret 'v' -Metadata @{{ odd = {value} }}");

        Assert.Contains(typeName, result.SingleError().Exception.Message);
        Assert.False(StandInVaults.Contains("Store", "k"));
    }

    [Theory]
    [InlineData("wandb_api_key")]
    [InlineData("wandb.api.key")]
    [InlineData("wandb api key")]
    [InlineData("wandb:api:key")]
    public void An_AzureKeyVaultLike_vault_refuses_names_outside_letters_digits_and_dashes(string name)
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);

        var result = Shell.Run("Set-Secret -Name $n -Secret 'v' -Vault Akv", ("n", name));

        var error = result.SingleError();
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(name, error.Exception.Message);
        Assert.Empty(StandInVaults.SecretNames("Akv"));
    }

    [Fact]
    public void An_AzureKeyVaultLike_vault_accepts_dashed_names_and_string_metadata()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);

        var result = Shell.Run("Set-Secret -Name 'wandb-api-key-01' -Secret 'v' -Vault Akv -Metadata @{ created = '2025-01-02' }");

        Assert.Empty(result.Errors);
        Assert.Equal("2025-01-02", StandInVaults.PeekMetadata("Akv", "wandb-api-key-01")!["created"]);
    }

    [Fact]
    public void An_AzureKeyVaultLike_vault_refuses_metadata_values_that_are_not_strings()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);

        var result = Shell.Run("Set-Secret -Name k -Secret 'v' -Vault Akv -Metadata @{ generation = 3 }");

        Assert.Contains("must be a string", result.SingleError().Exception.Message);
        Assert.False(StandInVaults.Contains("Akv", "k"));
    }

    [Fact]
    public void An_AzureKeyVaultLike_vault_refuses_non_string_values_in_Set_SecretInfo_and_keeps_the_old_metadata()
    {
        StandInVaults.Register("Akv", VaultKind.AzureKeyVaultLike);
        StandInVaults.Seed("Akv", "k", "v", new Hashtable { ["generation"] = "1" });

        var result = Shell.Run("Set-SecretInfo -Name k -Vault Akv -Metadata @{ generation = 2 }");

        Assert.Single(result.Errors);
        Assert.Equal("1", StandInVaults.PeekMetadata("Akv", "k")!["generation"]);
    }
}
