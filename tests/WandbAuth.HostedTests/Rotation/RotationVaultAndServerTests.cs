using System.Collections;
using SecretManagement.StandIn;
using WandbAuth.Emulator;

namespace WandbAuth.HostedTests.Rotation;

/// <summary>Through real SecretManagement cmdlets (the stand-in) on every vault kind, and which server a key is rotated on.</summary>
public class RotationVaultAndServerTests : RotationHostedTest
{
    [Theory]
    [InlineData(VaultKind.Full)]
    [InlineData(VaultKind.NoMetadata)]
    [InlineData(VaultKind.AzureKeyVaultLike)]
    public void Every_vault_kind_is_rotated(VaultKind kind)
    {
        StandInVaults.Register("Prod", kind);
        var oldKey = SeedSecret("alice2", "Wandb-Prod", vault: "Prod");

        var result = Ps.Run("Invoke-WandbKeyRotation Wandb-Prod -Vault Prod -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Completed", Prop(result.Single(), "Status"));
        var newKey = AssertRotated("Wandb-Prod", "alice2", oldKey, vault: "Prod");
        if (kind != VaultKind.NoMetadata) Assert.Equal(Prop(result.Single(), "NewKeyId"), StandInVaults.PeekMetadata("Prod", "Wandb-Prod")!["KeyId"]);
        result.AssertNoSecret(oldKey, newKey);
    }

    [Fact]
    public void A_first_rotation_works_under_ErrorActionPreference_Stop_as_pipelines_often_set_it()
    {
        // The helper secrets do not exist yet: Get-Secret reports them not found, which must not stop the rotation.
        var oldKey = SeedSecret("alice2", "WandbStrict");

        var result = Ps.Run("$ErrorActionPreference = 'Stop'; Invoke-WandbKeyRotation WandbStrict -Vault Local -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Completed", Prop(result.Single(), "Status"));
        AssertRotated("WandbStrict", "alice2", oldKey);
    }

    [Fact]
    public void Base_url_comes_from_the_secrets_metadata_when_not_connected()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey", metadata: new Hashtable { ["BaseUrl"] = Emulator.BaseUrl.ToString() });

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Confirm:$false");

        Assert.Empty(result.AllErrors);
        AssertRotated("WandbApiKey", "alice2", oldKey);
    }

    [Fact]
    public void Service_account_key_rotated_over_an_admins_connection_stays_the_service_accounts()
    {
        Emulator.State.AddUser("admin", admin: true);
        Ps.SetVariable("AdminKey", Secure(Emulator.State.IssueKey("admin")));
        Assert.Empty(Ps.Run("Connect-Wandb -ApiKey $AdminKey -BaseUrl $BaseUrl").AllErrors);
        var oldKey = SeedSecret("ci-bot", "CiBot", type: AccountType.ServiceAccount);

        var result = Ps.Run("Invoke-WandbKeyRotation CiBot -Confirm:$false");

        Assert.Empty(result.AllErrors);
        Assert.Equal("ci-bot", Prop(result.Single(), "Owner"));
        AssertRotated("CiBot", "ci-bot", oldKey);
        Assert.Single(Emulator.State.Keys("admin"));
    }

    [Fact]
    public void Rotation_killed_after_the_promote_is_resumed_by_the_next_run()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        StandInVaults.CrashWhen(op => op.Kind == VaultOperationKind.Set && op.Name == "WandbApiKey", afterCommit: true);

        Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false");
        Assert.True(StandInVaults.HasCrashed);
        StandInVaults.Restart();
        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Equal("Resumed", Prop(result.Single(), "Status"));
        AssertRotated("WandbApiKey", "alice2", oldKey);
        Assert.Single(Emulator.State.Keys("alice2"));
    }

    [Fact]
    public void Secret_whose_read_fails_is_reported_with_the_vaults_error_never_as_missing()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        // One Get-Secret per read: the vault's own error beside GetSecretNotFound must not pass for "no such secret".
        StandInVaults.BeforeOperation = op => op.Kind == VaultOperationKind.Get && op.Name == "WandbApiKey"
            ? new UnauthorizedAccessException("the vault refused the read (403)") : null;

        var result = Ps.Run("Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Equal("Failed", Prop(result.Single(), "Status"));
        var message = result.SingleError().Exception.Message;
        Assert.Contains("the vault refused the read (403)", message);
        Assert.DoesNotContain("holds no secret", message);
        Assert.Equal(oldKey, Stored("WandbApiKey"));
        Assert.Empty(Emulator.Requests.ForOperation("GenerateApiKey"));
    }
}
