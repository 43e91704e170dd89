using System.Collections;
using System.Management.Automation;
using System.Security;
using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>What Get-Secret returns, where it looks, and how it says "not found".</summary>
public sealed class GetSecretTests : StandInTest
{
    [Fact]
    public void A_string_secret_comes_back_as_SecureString_unless_AsPlainText_is_given()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "k", "plain");

        var secure = Shell.Run("Get-Secret -Name k").SingleOutput();
        var plain = Shell.Run("Get-Secret -Name k -AsPlainText").SingleOutput();

        Assert.IsType<SecureString>(secure);
        Assert.Equal("plain", plain);
    }

    [Fact]
    public void Credential_hashtable_and_byte_array_secrets_come_back_as_stored_even_with_AsPlainText()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "cred", new PSCredential("user", Secure("pw")));
        StandInVaults.Seed("Main", "table", new Hashtable { ["a"] = "b" });
        StandInVaults.Seed("Main", "bytes", new byte[] { 1, 2, 3 });

        var result = Shell.Run("Get-Secret cred -AsPlainText; Get-Secret table -AsPlainText; Get-Secret bytes -AsPlainText");

        Assert.Equal(3, result.Output.Count);
        Assert.Equal("user", Assert.IsType<PSCredential>(result.Output[0]).UserName);
        Assert.Equal("b", Assert.IsType<Hashtable>(result.Output[1])["a"]);
        // One byte[] object, not three bytes written one by one.
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<byte[]>(result.Output[2]));
    }

    [Fact]
    public void Without_Vault_the_default_vault_is_searched_before_the_others()
    {
        StandInVaults.Register("RegisteredFirst");
        StandInVaults.Register("TheDefault", isDefault: true);
        StandInVaults.Seed("RegisteredFirst", "k", "from-first");
        StandInVaults.Seed("TheDefault", "k", "from-default");

        var result = Shell.Run("Get-Secret -Name k -AsPlainText");

        Assert.Equal("from-default", result.SingleOutput());
        Assert.Equal(["Get TheDefault/k Succeeded"], StandInVaults.Operations.Select(o => o.ToString()));
    }

    [Fact]
    public void Without_Vault_a_secret_missing_from_the_default_is_found_in_another_vault()
    {
        StandInVaults.Register("TheDefault");
        StandInVaults.Register("Elsewhere");
        StandInVaults.Seed("Elsewhere", "k", "found");

        var result = Shell.Run("Get-Secret -Name k -AsPlainText");

        Assert.Equal("found", result.SingleOutput());
        Assert.Equal(
            ["Get TheDefault/k NotFound", "Get Elsewhere/k Succeeded"],
            StandInVaults.Operations.Select(o => o.ToString()));
    }

    [Fact]
    public void A_missing_secret_is_a_non_terminating_error_with_the_real_modules_id_and_message()
    {
        StandInVaults.Register("Main");

        var result = Shell.Run("Get-Secret -Name nope; 'script went on'");

        var error = result.SingleError();
        Assert.Equal("The secret nope was not found.", error.Exception.Message);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(
            "GetSecretNotFound,Microsoft.PowerShell.SecretManagement.GetSecretCommand",
            error.FullyQualifiedErrorId);
        Assert.Equal(["script went on"], result.Output);
    }

    [Fact]
    public void A_missing_secret_in_a_named_vault_is_not_looked_for_elsewhere()
    {
        StandInVaults.Register("Main");
        StandInVaults.Register("Other");
        StandInVaults.Seed("Main", "k", "only-in-main");

        var result = Shell.Run("Get-Secret -Name k -Vault Other");

        Assert.Empty(result.Output);
        Assert.StartsWith("GetSecretNotFound,", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public void An_unregistered_vault_is_a_terminating_error()
    {
        StandInVaults.Register("Main");

        var result = Shell.Run("try { Get-Secret -Name k -Vault Missing; 'not reached' } catch { $_.Exception.Message }");

        Assert.Equal(["Vault Missing does not exist in registry."], result.Output);
    }

    [Fact]
    public void Wildcard_characters_in_the_name_are_literal()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "key-1", "one");

        var result = Shell.Run("Get-Secret -Name 'key-*' -AsPlainText");

        Assert.Empty(result.Output);
        Assert.StartsWith("GetSecretNotFound,", result.SingleError().FullyQualifiedErrorId);
    }

    [Fact]
    public void Names_are_matched_without_regard_to_case_as_SecretStore_and_Key_Vault_do()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "Wandb-Key", "v");

        Assert.Equal("v", Shell.Run("Get-Secret -Name wandb-key -Vault main -AsPlainText").SingleOutput());
    }

    [Fact]
    public void Disposing_a_returned_SecureString_does_not_damage_the_stored_secret()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "k", "intact");

        ((SecureString)Shell.Run("Get-Secret -Name k").SingleOutput()!).Dispose();

        Assert.Equal("intact", StandInVaults.PeekPlainText("Main", "k"));
    }
}
