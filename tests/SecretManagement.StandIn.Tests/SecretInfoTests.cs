using System.Collections.ObjectModel;
using Microsoft.PowerShell.SecretManagement;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>Get-SecretInfo output: what it lists and how it flows through a pipeline.</summary>
public sealed class SecretInfoTests : StandInTest
{
    public SecretInfoTests()
    {
        StandInVaults.Register("Main");
        StandInVaults.Register("Other");
        StandInVaults.Seed("Main", "wandb-b", "v");
        StandInVaults.Seed("Main", "wandb-a", new byte[] { 1 });
        StandInVaults.Seed("Main", "unrelated", "v");
        StandInVaults.Seed("Other", "wandb-c", "v");
    }

    [Fact]
    public void A_wildcard_name_lists_matching_secrets_of_every_vault_with_type_and_vault_name()
    {
        var infos = Shell.Run("Get-SecretInfo -Name 'wandb-*'").Output.Cast<SecretInformation>().ToList();

        Assert.Equal(
            [("wandb-a", SecretType.ByteArray, "Main"), ("wandb-b", SecretType.SecureString, "Main"), ("wandb-c", SecretType.SecureString, "Other")],
            infos.Select(i => (i.Name, i.Type, i.VaultName)));
    }

    [Fact]
    public void Without_Name_every_secret_is_listed()
    {
        Assert.Equal(4, Shell.Run("Get-SecretInfo").Output.Count);
    }

    [Fact]
    public void ForEach_Object_reads_the_names_of_one_vault()
    {
        var result = Shell.Run("Get-SecretInfo -Vault Main | ForEach-Object { $_.Name }");

        Assert.Equal(["unrelated", "wandb-a", "wandb-b"], result.Output);
    }

    [Fact]
    public void SecretInformation_binds_Name_and_VaultName_by_property_name()
    {
        var result = Shell.Run(
            "function Invoke-X {\n" +
            "  param([Parameter(ValueFromPipelineByPropertyName)] [string] $Name,\n" +
            "        [Parameter(ValueFromPipelineByPropertyName)] [string] $VaultName)\n" +
            "  process { \"$VaultName/$Name\" }\n" +
            "}\n" +
            "Get-SecretInfo -Name 'wandb-*' | Invoke-X");

        Assert.Equal(["Main/wandb-a", "Main/wandb-b", "Other/wandb-c"], result.Output);
    }

    [Fact]
    public void Metadata_is_a_read_only_dictionary_as_in_the_real_module()
    {
        var info = (SecretInformation)Shell.Run("Get-SecretInfo -Name wandb-c").SingleOutput()!;

        Assert.IsType<ReadOnlyDictionary<string, object>>(info.Metadata);
    }

    [Fact]
    public void SecretInformation_has_the_real_full_type_name()
    {
        var typeName = Shell.Run("(Get-SecretInfo -Name wandb-c).GetType().FullName").SingleOutput();

        Assert.Equal("Microsoft.PowerShell.SecretManagement.SecretInformation", typeName);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_writes_nothing_and_no_error()
    {
        var result = Shell.Run("Get-SecretInfo -Name 'absent-*'");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
    }
}
