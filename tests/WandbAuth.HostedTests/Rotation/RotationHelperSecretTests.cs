using System.Text.RegularExpressions;
using SecretManagement.StandIn;

namespace WandbAuth.HostedTests.Rotation;

/// <summary>
/// Through the SecretManagement cmdlets: the helper secrets are cleared, never removed (Azure Key Vault soft-deletes
/// a removed one and refuses its name until purged), a cleared one is never taken for a key, and a run that loses
/// the claim of a cleared state to another machine backs off without harm.
/// </summary>
public class RotationHelperSecretTests : RotationHostedTest
{
    private const string Rotate = "Invoke-WandbKeyRotation WandbApiKey -Vault Local -BaseUrl $BaseUrl -Confirm:$false";
    private const string Pending = "WandbApiKey-WandbPending", State = "WandbApiKey-WandbRotation";

    [Fact]
    public void Second_rotation_of_a_secret_in_an_Azure_Key_Vault_like_vault_succeeds()
    {
        StandInVaults.Register("Prod", VaultKind.AzureKeyVaultLike);
        var oldKey = SeedSecret("alice2", "Wandb-Prod", vault: "Prod");

        var first = Ps.Run("Invoke-WandbKeyRotation Wandb-Prod -Vault Prod -BaseUrl $BaseUrl -Confirm:$false");
        var firstKey = AssertRotated("Wandb-Prod", "alice2", oldKey, vault: "Prod");
        var second = Ps.Run("Invoke-WandbKeyRotation Wandb-Prod -Vault Prod -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Empty(first.AllErrors);
        Assert.Empty(second.AllErrors);
        Assert.Equal("Completed", Prop(second.Single(), "Status"));
        var secondKey = AssertRotated("Wandb-Prod", "alice2", firstKey, vault: "Prod");
        Assert.Single(Emulator.State.Keys("alice2"));
        Assert.DoesNotContain(StandInVaults.Operations, o => o.Kind == VaultOperationKind.Remove);
        second.AssertNoSecret(oldKey, firstKey, secondKey);
    }

    [Fact]
    public void Piped_Wandb_star_secrets_after_a_rotation_rotate_the_key_and_pass_over_the_working_secrets()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        Ps.Run(Rotate);
        var firstKey = AssertRotated("WandbApiKey", "alice2", oldKey);

        var result = Ps.Run("Get-SecretInfo -Vault Local -Name 'Wandb*' | Invoke-WandbKeyRotation -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Empty(result.AllErrors);
        var only = result.Single();
        Assert.Equal("WandbApiKey", Prop(only, "SecretName"));
        Assert.Equal("Completed", Prop(only, "Status"));
        Assert.Contains(result.Verbose, v => v.Contains("Skipping 'WandbApiKey-WandbPending'"));
        var secondKey = AssertRotated("WandbApiKey", "alice2", firstKey);
        result.AssertNoSecret(oldKey, firstKey, secondKey);
    }

    [Fact]
    public void Finished_rotation_leaves_no_key_in_the_pending_secret()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");

        var result = Ps.Run(Rotate);

        Assert.Equal("Completed", Prop(result.Single(), "Status"));
        var newKey = AssertRotated("WandbApiKey", "alice2", oldKey);
        Assert.Equal(Tombstone, Stored(Pending));
        Assert.Equal(Tombstone, Stored(State));
        Assert.DoesNotContain(StandInVaults.Operations, o => o.Kind == VaultOperationKind.Remove);
        result.AssertNoSecret(oldKey, newKey);
    }

    [Fact]
    public void Tombstoned_pending_secret_is_not_mistaken_for_a_key_on_resume()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        Assert.Equal("Completed", Prop(Ps.Run(Rotate).Single(), "Status"));
        var firstKey = AssertRotated("WandbApiKey", "alice2", oldKey);
        // The second rotation dies right after it claims the cleared state: the state says a rotation is under
        // way while the pending secret still holds the first rotation's tombstone.
        StandInVaults.CrashWhen(op => op.Kind == VaultOperationKind.Set && op.Name == State && Stored(State)!.Contains("\"Phase\":\"Creating\""),
            afterCommit: true);

        Ps.Run(Rotate);
        Assert.True(StandInVaults.HasCrashed);
        StandInVaults.Restart();
        Assert.Equal(Tombstone, Stored(Pending));
        Assert.Contains("\"Phase\":\"Creating\"", Stored(State));
        var resumed = Ps.Run(Rotate);

        Assert.Empty(resumed.AllErrors);
        Assert.Equal("Resumed", Prop(resumed.Single(), "Status"));
        var newKey = AssertRotated("WandbApiKey", "alice2", firstKey);
        Assert.Single(Emulator.State.Keys("alice2"));
        resumed.AssertNoSecret(oldKey, firstKey, newKey);
    }

    [Fact]
    public void Rotation_that_loses_the_claim_deletes_only_its_own_new_key()
    {
        var oldKey = SeedSecret("alice2", "WandbApiKey");
        Assert.Equal("Completed", Prop(Ps.Run(Rotate).Single(), "Status"));
        var firstKey = AssertRotated("WandbApiKey", "alice2", oldKey);
        string? ours = null, winners = null;
        // Right after the promote's read-back, before the old key's delete, a rotation on another machine has stored its
        // key and holds the state.
        StandInVaults.AfterOperation = op =>
        {
            if (winners != null || op.Kind != VaultOperationKind.Get || op.Name != "WandbApiKey" || Stored("WandbApiKey") == firstKey) return null;
            var json = Stored(State)!;
            ours = Stored("WandbApiKey");
            winners = Emulator.State.IssueKey("alice2", "rotated on another machine");
            StandInVaults.Seed(LocalVault, "WandbApiKey", winners);
            var runId = Regex.Match(json, "\"RunId\":\"([0-9a-f]{16})\"").Groups[1].Value;
            StandInVaults.Seed(LocalVault, State, json.Replace(runId, "feedfacefeedface"));
            return null;
        };

        var result = Ps.Run(Rotate);

        Assert.Equal("Failed", Prop(result.Single(), "Status"));
        var error = result.SingleError();
        Assert.StartsWith("WandbRotationFailed", error.FullyQualifiedErrorId);
        Assert.Contains("Another rotation of 'WandbApiKey' took over", error.Exception.Message);
        Assert.Contains("deleted its own new key", error.Exception.Message);
        Assert.True(Emulator.State.IsLive(firstKey), "the old key is never touched");
        Assert.False(Emulator.State.IsLive(ours!));
        Assert.True(Emulator.State.IsLive(winners!));
        Assert.Equal(winners, Stored("WandbApiKey"));
        Assert.Contains("feedfacefeedface", Stored(State));
        Assert.Equal(Tombstone, Stored(Pending));
        Assert.Equal(2, Emulator.State.Keys("alice2").Count);
        result.AssertNoSecret(oldKey, firstKey, ours!, winners!);
    }
}
