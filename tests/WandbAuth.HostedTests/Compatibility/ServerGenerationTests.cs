using System.Management.Automation;
using SecretManagement.StandIn;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Rotation;

namespace WandbAuth.HostedTests.Compatibility;

/// <summary>
/// Every place a listed key is matched to a key in hand (current-key marking, Remove's guard, rotation's identify
/// step, Connect -Verify, creation) against each thing a listing's name may hold on W&amp;B: wandb_v1_&lt;key_id&gt;,
/// &lt;key_id&gt; (whether the prefix is listed is not public), and on servers older than hashed keys the whole secret
/// (wandb PRs #11271, #11663), which must never be shown, stored, completed or logged.
/// </summary>
public class ServerGenerationTests : RotationHostedTest
{
    public static TheoryData<ListingNames, KeyFormat> Generations => new()
    {
        { ListingNames.PrefixedKeyId, KeyFormat.V1 },
        { ListingNames.BareKeyId, KeyFormat.V1 },
        { ListingNames.FullSecret, KeyFormat.V1 },
        { ListingNames.PrefixedKeyId, KeyFormat.Legacy40 },
        { ListingNames.FullSecret, KeyFormat.Legacy40 },
        { ListingNames.FullSecret, KeyFormat.SelfManaged },
    };

    private void Serve(ListingNames names, KeyFormat format)
    {
        Emulator.Options.ListingNames = names;
        Emulator.Options.DefaultKeyFormat = format;
    }

    /// <summary>
    /// The key ID WandbAuth shows: the server's key ID; from a revealed secret, what the key itself says (a current
    /// key's &lt;key_id&gt;, an older key's first eight characters after any prefix).
    /// </summary>
    private string ExpectedKeyId(string secret, ListingNames names, KeyFormat format) =>
        names == ListingNames.FullSecret && format != KeyFormat.V1
            ? secret[..(secret.IndexOf('-') + 1 + 8)]
            : Emulator.State.KeyIdOf(secret)!;

    private string Connect(string secret, string extra = "-Verify")
    {
        Ps.SetVariable("Key", Secure(secret));
        var r = Ps.Run($"Connect-Wandb -ApiKey $Key -BaseUrl $BaseUrl {extra}");
        Assert.Empty(r.AllErrors);
        r.AssertNoSecret(secret);
        return (string)r.Single().Properties["KeyId"].Value;
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void Listing_shows_key_ids_only_and_marks_the_session_key(ListingNames names, KeyFormat format)
    {
        Serve(names, format);
        Emulator.State.AddUser("bob");
        var mine = Emulator.State.IssueKey("bob", "laptop");
        var other = Emulator.State.IssueKey("bob", "ci");

        var verified = Connect(mine);
        var r = Ps.Run("Get-WandbApiKey");

        Assert.Empty(r.AllErrors);
        Assert.Equal(ExpectedKeyId(mine, names, format), verified);
        Assert.Equal(new[] { ExpectedKeyId(mine, names, format), ExpectedKeyId(other, names, format) },
            r.Output.Select(o => (string)o.Properties["KeyId"].Value));
        Assert.Equal(new[] { true, false }, r.Output.Select(o => (bool)o.Properties["IsCurrent"].Value));
        r.AssertNoSecret(mine, other);
    }

    [Theory]
    [InlineData(ListingNames.PrefixedKeyId)]
    [InlineData(ListingNames.BareKeyId)]
    [InlineData(ListingNames.FullSecret)]
    public void A_current_keys_id_is_the_same_before_and_after_verifying(ListingNames names)
    {
        Serve(names, KeyFormat.V1);

        var unverified = Connect(AliceKey, extra: "");
        var verified = Connect(AliceKey);

        Assert.Equal(Emulator.State.KeyIdOf(AliceKey), unverified);
        Assert.Equal(unverified, verified);
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void Remove_guards_the_session_key_and_takes_a_key_id_with_or_without_wandb_v1(ListingNames names, KeyFormat format)
    {
        Serve(names, format);
        Emulator.State.AddUser("bob");
        var mine = Emulator.State.IssueKey("bob", "laptop");
        var other = Emulator.State.IssueKey("bob", "ci");
        Connect(mine);
        var otherId = ExpectedKeyId(other, names, format);
        Ps.SetVariable("Mine", ExpectedKeyId(mine, names, format));
        Ps.SetVariable("Other", format == KeyFormat.V1 ? "wandb_v1_" + otherId : otherId);

        var guarded = Ps.Run("Remove-WandbApiKey -KeyId $Mine -Confirm:$false");
        var removed = Ps.Run("Remove-WandbApiKey -KeyId $Other -Confirm:$false");

        Assert.StartsWith("WandbCurrentKeyProtected", guarded.SingleError().FullyQualifiedErrorId);
        Assert.Empty(removed.AllErrors);
        Assert.True(Emulator.State.IsLive(mine));
        Assert.False(Emulator.State.IsLive(other));
        guarded.AssertNoSecret(mine, other);
        removed.AssertNoSecret(mine, other);
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void Rotation_identifies_and_deletes_the_old_key_and_stores_no_secret_as_metadata(ListingNames names, KeyFormat format)
    {
        Serve(names, format);
        var oldKey = SeedSecret("bob", "WandbBob");
        var oldKeyId = ExpectedKeyId(oldKey, names, format);

        var r = Ps.Run("Invoke-WandbKeyRotation -SecretName WandbBob -Vault Local -BaseUrl $BaseUrl -Confirm:$false");

        Assert.Empty(r.AllErrors);
        Assert.Equal("Completed", Prop(r.Single(), "Status"));
        var newKey = AssertRotated("WandbBob", "bob", oldKey);
        Assert.Equal(oldKeyId, Prop(r.Single(), "OldKeyId"));
        Assert.Equal(ExpectedKeyId(newKey, names, format), Prop(r.Single(), "NewKeyId"));
        var metadata = StandInVaults.PeekMetadata(LocalVault, "WandbBob");
        Assert.Equal(ExpectedKeyId(newKey, names, format), metadata?["KeyId"]?.ToString());
        r.AssertNoSecret(oldKey, newKey);
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public void Created_key_is_named_by_its_key_id_and_a_lost_answer_is_still_cleaned_up(ListingNames names, KeyFormat format)
    {
        Serve(names, format);
        Emulator.State.AddUser("bob");
        var mine = Emulator.State.IssueKey("bob", "laptop");
        Connect(mine);

        var made = Ps.Run("New-WandbApiKey -Name ci -Vault Local -SecretName wandb-ci");
        Emulator.Faults.Enqueue(Fault.CommitThenLoseResponse(), "GenerateApiKey");
        var lost = Ps.Run("New-WandbApiKey -Name lost");

        Assert.Empty(made.AllErrors);
        var stored = StandInVaults.PeekPlainText(LocalVault, "wandb-ci")!;
        Assert.Equal(ExpectedKeyId(stored, names, format), Prop(made.Single(), "KeyId"));
        Assert.Equal(ExpectedKeyId(stored, names, format), StandInVaults.PeekMetadata(LocalVault, "wandb-ci")?["KeyId"]?.ToString());
        Assert.StartsWith("WandbCreateAnswerLost", lost.SingleError().FullyQualifiedErrorId);
        Assert.Equal(new[] { "ci", "laptop" }, Emulator.State.Keys("bob").Select(k => k.Description).OrderBy(n => n));
        made.AssertNoSecret(mine, stored);
        lost.AssertNoSecret(mine, stored);
    }

    [Fact]
    public void Completion_offers_key_ids_never_the_secrets_an_old_server_lists()
    {
        Serve(ListingNames.FullSecret, KeyFormat.V1);
        var other = Emulator.State.IssueKey("alice", "ci");
        Connect(AliceKey);
        Ps.SetVariable("CompletionInput", "Remove-WandbApiKey -KeyId ");

        var r = Ps.Run("(TabExpansion2 -inputScript $CompletionInput -cursorColumn $CompletionInput.Length).CompletionMatches");

        Assert.Equal(new[] { Emulator.State.KeyIdOf(AliceKey), Emulator.State.KeyIdOf(other) }.Order(),
            r.Output.Select(o => ((CompletionResult)o.BaseObject).CompletionText).Order());
        r.AssertNoSecret(AliceKey, other);
    }
}
