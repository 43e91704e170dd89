using Microsoft.PowerShell.SecretManagement;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// Calls written the way people and the module under test write them, positional and piped, land on the
/// intended secret and vault. "Other" is deliberately not the default vault, so a Vault that failed to bind
/// would show up as the secret landing in (or being read from) "Main".
/// </summary>
public sealed class PositionalBindingTests : StandInTest
{
    public PositionalBindingTests()
    {
        StandInVaults.Register("Main");
        StandInVaults.Register("Other");
    }

    [Fact]
    public void Set_Secret_binds_name_then_vault_by_position_around_a_named_SecureStringSecret()
    {
        var result = Shell.Run("Set-Secret k -SecureStringSecret $s Other", ("s", Secure("v1")));

        Assert.Empty(result.Errors);
        Assert.Equal("v1", StandInVaults.PeekPlainText("Other", "k"));
        Assert.False(StandInVaults.Contains("Main", "k"));
    }

    [Fact]
    public void Set_Secret_takes_metadata_as_the_third_positional_argument()
    {
        Shell.Run("Set-Secret k -Secret 'v1' Other @{ purpose = 'ci' }");

        Assert.Equal("ci", StandInVaults.PeekMetadata("Other", "k")!["purpose"]);
    }

    [Fact]
    public void Set_Secret_takes_the_secret_from_the_pipeline()
    {
        Shell.Run("$s | Set-Secret -Name k -Vault Other", ("s", Secure("piped")));

        Assert.Equal("piped", StandInVaults.PeekPlainText("Other", "k"));
    }

    [Fact]
    public void Set_Secret_with_both_Secret_and_SecureStringSecret_is_rejected_by_the_binder()
    {
        var result = Shell.Run("Set-Secret -Name k -Secret 'a' -SecureStringSecret $s", ("s", Secure("b")));

        Assert.StartsWith("AmbiguousParameterSet,", result.SingleError().FullyQualifiedErrorId);
        Assert.Empty(StandInVaults.Operations);
    }

    [Fact]
    public void Get_Secret_binds_name_then_vault_by_position()
    {
        StandInVaults.Seed("Main", "k", "from-main");
        StandInVaults.Seed("Other", "k", "from-other");

        var result = Shell.Run("Get-Secret k Other -AsPlainText");

        Assert.Equal("from-other", result.SingleOutput());
    }

    [Fact]
    public void Get_Secret_takes_names_from_the_pipeline()
    {
        StandInVaults.Seed("Main", "a", "1");
        StandInVaults.Seed("Other", "b", "2");

        var result = Shell.Run("'a', 'b' | Get-Secret -AsPlainText");

        Assert.Equal(["1", "2"], result.Output);
    }

    [Fact]
    public void Get_Secret_takes_SecretInformation_from_the_pipeline_and_reads_its_vault()
    {
        StandInVaults.Seed("Main", "k", "from-main");
        StandInVaults.Seed("Other", "k", "from-other");

        var result = Shell.Run("Get-SecretInfo -Name k -Vault Other | Get-Secret -AsPlainText");

        Assert.Equal("from-other", result.SingleOutput());
    }

    [Fact]
    public void Remove_Secret_binds_name_then_vault_by_position()
    {
        StandInVaults.Seed("Main", "k", "keep");
        StandInVaults.Seed("Other", "k", "drop");

        var result = Shell.Run("Remove-Secret k Other");

        Assert.Empty(result.Errors);
        Assert.False(StandInVaults.Contains("Other", "k"));
        Assert.True(StandInVaults.Contains("Main", "k"));
    }

    [Fact]
    public void Remove_Secret_requires_a_vault_even_when_a_default_exists()
    {
        StandInVaults.Seed("Main", "k", "keep");

        var result = Shell.Run("Remove-Secret -Name k");

        Assert.StartsWith("MissingMandatoryParameter,", result.SingleError().FullyQualifiedErrorId);
        Assert.True(StandInVaults.Contains("Main", "k"));
    }

    [Fact]
    public void Remove_Secret_takes_SecretInformation_from_the_pipeline()
    {
        StandInVaults.Seed("Other", "k", "drop");

        Shell.Run("Get-SecretInfo -Name k -Vault Other | Remove-Secret");

        Assert.False(StandInVaults.Contains("Other", "k"));
    }

    [Fact]
    public void Set_SecretInfo_binds_name_metadata_then_vault_by_position()
    {
        StandInVaults.Seed("Other", "k", "v");

        var result = Shell.Run("Set-SecretInfo k @{ owner = 'ops' } Other");

        Assert.Empty(result.Errors);
        Assert.Equal("ops", StandInVaults.PeekMetadata("Other", "k")!["owner"]);
    }

    [Fact]
    public void Set_SecretInfo_takes_SecretInformation_from_the_pipeline()
    {
        StandInVaults.Seed("Other", "k", "v");

        Shell.Run("Get-SecretInfo -Name k -Vault Other | Set-SecretInfo -Metadata @{ owner = 'ops' }");

        Assert.Equal("ops", StandInVaults.PeekMetadata("Other", "k")!["owner"]);
    }

    [Fact]
    public void Get_SecretInfo_binds_pattern_then_vault_by_position()
    {
        StandInVaults.Seed("Main", "key-main", "v");
        StandInVaults.Seed("Other", "key-other", "v");
        StandInVaults.Seed("Other", "unrelated", "v");

        var result = Shell.Run("Get-SecretInfo 'key-*' Other");

        var info = Assert.IsType<SecretInformation>(result.SingleOutput());
        Assert.Equal(("key-other", "Other"), (info.Name, info.VaultName));
    }

    [Fact]
    public void Set_Secret_with_SecretInfo_copies_a_secret_and_its_metadata_to_another_vault()
    {
        StandInVaults.Seed("Main", "k", "copied", new System.Collections.Hashtable { ["owner"] = "ops" });

        var result = Shell.Run("Get-SecretInfo -Name k -Vault Main | Set-Secret -Vault Other");

        Assert.Empty(result.Errors);
        Assert.Equal("copied", StandInVaults.PeekPlainText("Other", "k"));
        Assert.Equal("ops", StandInVaults.PeekMetadata("Other", "k")!["owner"]);
    }
}
