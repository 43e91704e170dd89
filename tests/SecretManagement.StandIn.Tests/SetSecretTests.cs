using System.Management.Automation;
using System.Security;
using Microsoft.PowerShell.SecretManagement;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>Where Set-Secret writes, what it stores, and when it refuses.</summary>
public sealed class SetSecretTests : StandInTest
{
    [Fact]
    public void A_string_is_stored_as_SecureString_and_nothing_is_written_to_the_output()
    {
        StandInVaults.Register("Main");

        var result = Shell.Run("Set-Secret -Name k -Secret 'plain' -Vault Main");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.IsType<SecureString>(StandInVaults.Peek("Main", "k"));
        Assert.Equal(SecretType.SecureString, ((SecretInformation)Shell.Run("Get-SecretInfo k").SingleOutput()!).Type);
    }

    [Fact]
    public void Without_Vault_the_secret_goes_to_the_default_vault()
    {
        StandInVaults.Register("First");
        StandInVaults.Register("TheDefault", isDefault: true);

        Shell.Run("Set-Secret -Name k -SecureStringSecret $s", ("s", Secure("v")));

        Assert.Equal("v", StandInVaults.PeekPlainText("TheDefault", "k"));
        Assert.False(StandInVaults.Contains("First", "k"));
    }

    [Fact]
    public void Without_Vault_and_without_a_default_vault_Set_Secret_fails_and_stores_nothing()
    {
        StandInVaults.Register("Main");
        StandInVaults.SetDefault(null);

        var result = Shell.Run("try { Set-Secret -Name k -Secret 'v'; 'not reached' } catch { $_.FullyQualifiedErrorId }");

        Assert.Equal(["SetSecretFailNoDefaultVault,Microsoft.PowerShell.SecretManagement.SetSecretCommand"], result.Output);
        Assert.False(StandInVaults.Contains("Main", "k"));
    }

    [Fact]
    public void NoClobber_refuses_to_overwrite_with_a_terminating_ResourceExists_error()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "k", "original");

        var result = Shell.Run("try { Set-Secret -Name k -Secret 'new' -NoClobber; 'not reached' } catch { $_ }");

        var error = Assert.IsType<ErrorRecord>(result.SingleOutput());
        Assert.Equal("A secret with name k already exists in vault Main.", error.Exception.Message);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal("original", StandInVaults.PeekPlainText("Main", "k"));
    }

    [Fact]
    public void NoClobber_writes_a_secret_that_does_not_exist_yet()
    {
        StandInVaults.Register("Main");

        var result = Shell.Run("Set-Secret -Name k -Secret 'new' -NoClobber");

        Assert.Empty(result.Errors);
        Assert.Equal("new", StandInVaults.PeekPlainText("Main", "k"));
    }

    [Fact]
    public void Overwriting_replaces_the_value_and_drops_metadata_not_given_again()
    {
        StandInVaults.Register("Main");
        Shell.Run("Set-Secret -Name k -Secret 'v1' -Metadata @{ owner = 'ops' }");

        Shell.Run("Set-Secret -Name k -Secret 'v2'");

        Assert.Equal("v2", StandInVaults.PeekPlainText("Main", "k"));
        Assert.Empty(StandInVaults.PeekMetadata("Main", "k")!);
    }

    [Fact]
    public void WhatIf_changes_nothing_and_reaches_no_vault()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "k", "original");

        Shell.Run("Set-Secret -Name k -Secret 'new' -WhatIf");

        Assert.Equal("original", StandInVaults.PeekPlainText("Main", "k"));
        Assert.Empty(StandInVaults.Operations);
    }

    [Fact]
    public void A_secret_of_an_unsupported_type_is_refused_naming_the_type_only()
    {
        StandInVaults.Register("Main");

        var result = Shell.Run("Set-Secret -Name k -Secret 42");

        var error = result.SingleError();
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("System.Int32", error.Exception.Message);
        Assert.False(StandInVaults.Contains("Main", "k"));
    }

    [Fact]
    public void Disposing_the_SecureString_after_Set_Secret_leaves_the_stored_secret_intact()
    {
        StandInVaults.Register("Main");
        var secret = Secure("kept");

        Shell.Run("Set-Secret -Name k -SecureStringSecret $s", ("s", secret));
        secret.Dispose();

        Assert.Equal("kept", StandInVaults.PeekPlainText("Main", "k"));
    }
}
