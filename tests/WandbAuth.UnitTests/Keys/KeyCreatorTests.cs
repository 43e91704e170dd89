using Xunit;
using WandbAuth.UnitTests.Support;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Keys;
using WandbAuth.UnitTests.Keys.Support;
using WandbAuth.Vault;

namespace WandbAuth.UnitTests.Keys;

public class KeyCreatorTests
{
    private readonly FakeKeyApi _api = new("alice");
    private readonly MemoryVault _vault = new("Local", "Other");
    private readonly List<string> _notes = new();

    public KeyCreatorTests()
    {
        _api.AddKey(_api.Viewer, "laptop", keyId: "wandb_v1_laptop");
    }

    private KeyCreator Creator(ISecretStore? vaults = null) => new(_api, vaults ?? _vault, _notes.Add) { RecheckDelays = new[] { TimeSpan.Zero, TimeSpan.Zero } };

    private static WandbApiException Lost(Exception? inner = null) =>
        new(ApiErrorKind.OutcomeUnknown, new Uri("https://wandb.example.com"), "The answer to creating an API key from https://wandb.example.com was lost (connection reset); the server may or may not have carried it out.", null, inner);

    private IEnumerable<string> Names => _api.Viewer.ApiKeys.Select(k => k.Description).OrderBy(n => n);

    [Fact]
    public void Without_a_vault_nothing_about_vaults_is_asked()
    {
        var plan = new KeyCreator(_api, null).Plan("ci", null, null, overwrite: false);
        Assert.False(plan.Stores);
    }

    [Fact]
    public void Vault_alone_uses_the_secret_name_Connect_Wandb_looks_for_and_SecretName_alone_the_default_vault()
    {
        var byVault = Creator().Plan("ci", "Other", null, false);
        Assert.Equal(("Other", HostUrl.SecretNameFor(_api.BaseUrl)), (byVault.Vault, byVault.SecretName));
        var byName = Creator().Plan("ci", null, "wandb-ci", false);
        Assert.Equal(("Local", "wandb-ci"), (byName.Vault, byName.SecretName));
    }

    [Fact]
    public void An_existing_secret_is_refused_before_any_key_is_made_unless_overwriting()
    {
        _vault.Seed("Local", "wandb-ci", "old");
        var e = Assert.Throws<KeyOperationException>(() => Creator().Plan("ci", "Local", "wandb-ci", false));
        Assert.Equal(KeyProblem.SecretExists, e.Problem);
        Assert.Contains("No key was created", e.Message);
        Assert.DoesNotContain("generate", _api.Calls);
        Assert.True(Creator().Plan("ci", "Local", "wandb-ci", true).Overwrite);
    }

    [Fact]
    public void No_SecretManagement_or_no_default_vault_is_refused_up_front()
    {
        _vault.UnavailableReason = "SecretManagement is not installed";
        Assert.Equal(KeyProblem.VaultUnavailable, Assert.Throws<KeyOperationException>(() => Creator().Plan("ci", "Local", null, false)).Problem);
        var none = new KeyCreator(_api, new NoDefault());
        Assert.Contains("default", Assert.Throws<KeyOperationException>(() => none.Plan("ci", null, "x", false)).Message);
    }

    private sealed class NoDefault : ISecretStore
    {
        public string? UnavailableReason => null;
        public string? FindVault(string name) => null;
        public System.Security.SecureString? Get(string name, string vault) => null;
        public bool Exists(string name, string vault) => false;
        public bool Set(string name, string vault, System.Security.SecureString value, IDictionary<string, string>? metadata, bool noClobber) => false;
        public void SetText(string name, string vault, string value) { }
        public string? GetText(string name, string vault) => null;
        public void Remove(string name, string vault) { }
        public IReadOnlyList<VaultInfo> Vaults() => new[] { new VaultInfo("A", false) };
        public IReadOnlyList<string> SecretNames(string vault) => Array.Empty<string>();
    }

    [Fact]
    public void A_new_key_is_stored_with_string_metadata_named_as_the_listing_names_it()
    {
        var creator = Creator();
        var created = creator.Create(creator.Plan("ci", "Local", "wandb-ci", false), default);
        var secret = SecretText.Reveal(created.Secret);
        Assert.Equal(secret, _vault.Plain("Local", "wandb-ci"));
        Assert.True(created.Stored);
        Assert.True(created.MetadataStored);
        Assert.Equal(TestKeys.KeyIdOf(secret), created.Key.KeyId);
        Assert.Equal("alice", created.Key.Owner);
        Assert.Equal(("Local", "wandb-ci"), (created.Key.Vault, created.Key.SecretName));
        var metadata = _vault.Metadata("Local", "wandb-ci")!;
        Assert.Equal(TestKeys.KeyIdOf(secret), metadata["KeyId"]);
        Assert.Equal("https://wandb.example.com", metadata["BaseUrl"]);
        Assert.Equal("alice", metadata["Owner"]);
        Assert.Equal("2025-05-01T00:00:00.0000000Z", metadata["CreatedAt"]);
        Assert.Empty(created.Warnings);
        Assert.Equal(new[] { "viewer", "generate", "viewer" }, _api.Calls);
    }

    [Fact]
    public void A_vault_without_metadata_still_gets_the_key()
    {
        _vault.TakesMetadata = false;
        var creator = Creator();
        var created = creator.Create(creator.Plan("ci", "Local", "wandb-ci", false), default);
        Assert.True(created.Stored);
        Assert.False(created.MetadataStored);
        Assert.Equal(SecretText.Reveal(created.Secret), _vault.Plain("Local", "wandb-ci"));
    }

    [Fact]
    public void A_failed_store_deletes_the_new_key_and_says_so()
    {
        _vault.FailWrite = new VaultException("Set-Secret failed: the vault is locked.");
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", "Local", "wandb-ci", false), default));
        Assert.Equal(KeyProblem.StoreFailed, e.Problem);
        Assert.Contains("the vault is locked", e.Message);
        Assert.Contains("deleted on W&B again", e.Message);
        Assert.Equal(new[] { "laptop" }, Names);
        Assert.Single(_api.Deleted);
    }

    [Fact]
    public void A_failed_store_whose_delete_also_fails_names_the_key_to_remove()
    {
        _vault.FailWrite = new VaultException("Set-Secret failed: the vault is locked.");
        _api.Before = call => { if (call == "delete") throw new WandbApiException(ApiErrorKind.Network, _api.BaseUrl, "Could not reach W&B."); };
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", "Local", "wandb-ci", false), default));
        var orphan = _api.Viewer.ApiKeys.Single(k => k.Description == "ci");
        Assert.Contains("nobody holds its secret", e.Message);
        Assert.Contains($"Remove-WandbApiKey -KeyId {orphan.KeyId}", e.Message);
    }

    [Fact]
    public void A_vault_that_stored_the_key_but_reported_failure_keeps_it()
    {
        _vault.FailAfterWrite = new VaultException("Set-Secret failed: reply lost.");
        var creator = Creator();
        var created = creator.Create(creator.Plan("ci", "Local", "wandb-ci", false), default);
        Assert.True(created.Stored);
        Assert.Contains(created.Warnings, w => w.Contains("holds the new key"));
        Assert.Empty(_api.Deleted);
    }

    [Fact]
    public void A_lost_answer_whose_key_was_made_deletes_that_key_and_only_that_one()
    {
        _api.AddKey(_api.Viewer, "ci", keyId: "wandb_v1_earlierci");   // same name, made before: not a candidate
        _api.LoseGenerateAnswer = () => Lost();
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Equal(KeyProblem.CreateAnswerLost, e.Problem);
        Assert.Contains("deleted again", e.Message);
        Assert.Equal(new[] { "ci", "laptop" }, Names);
        Assert.Equal("earlierci", _api.Viewer.ApiKeys.Single(k => k.Description == "ci").KeyId);
        Assert.Single(_api.Calls, "generate");
    }

    [Fact]
    public void A_lost_answer_with_no_new_key_reports_that_nothing_was_made()
    {
        _api.Before = call => { if (call == "generate") throw Lost(); };
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Contains("did not create a key", e.Message);
        Assert.Empty(_api.Deleted);
        Assert.Equal(2, _api.Calls.Count(c => c == "viewer"));   // no pauses to look again: the request did not time out
    }

    [Fact]
    public void A_timed_out_create_is_looked_for_again_before_concluding_nothing_was_made()
    {
        int looks = 0;
        _api.Before = call =>
        {
            if (call == "generate") throw Lost(new TimeoutException());
            // The server finishes the slow request between the first and the second look.
            if (call == "viewer" && ++looks == 3) _api.AddKey(_api.Viewer, "ci", keyId: "wandb_v1_slowci");
        };
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Contains("slowci", e.Message);
        Assert.Contains("deleted again", e.Message);
        Assert.Equal(new[] { "laptop" }, Names);
    }

    [Fact]
    public void Several_new_keys_of_that_name_are_reported_and_none_is_deleted()
    {
        _api.LoseGenerateAnswer = () =>
        {
            _api.AddKey(_api.Viewer, "ci", keyId: "wandb_v1_otherprocess");
            return Lost();
        };
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Contains("none was deleted", e.Message);
        Assert.Contains("otherprocess", e.Message);
        Assert.Empty(_api.Deleted);
    }

    [Fact]
    public void A_lost_answer_that_cannot_be_checked_says_what_to_look_for()
    {
        int looks = 0;
        _api.LoseGenerateAnswer = () => Lost();
        _api.Before = call => { if (call == "viewer" && ++looks > 1) throw new WandbApiException(ApiErrorKind.Network, _api.BaseUrl, "Could not reach W&B."); };
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Contains("Get-WandbApiKey -Name", e.Message);
        Assert.Contains("'ci'", e.Message);
    }

    [Fact]
    public void An_unreadable_listing_after_creation_keeps_the_key_under_the_key_id_it_carries()
    {
        int looks = 0;
        _api.Before = call => { if (call == "viewer" && ++looks == 2) throw new WandbApiException(ApiErrorKind.ServerError, _api.BaseUrl, "HTTP 503."); };
        var creator = Creator();
        var created = creator.Create(creator.Plan("ci", "Local", "wandb-ci", false), default);
        var secret = SecretText.Reveal(created.Secret);
        Assert.True(created.Stored);
        Assert.Equal(ApiKeyFormat.Check(created.Secret).KeyIdHint, created.Key.KeyId);
        Assert.Equal(TestKeys.KeyIdOf(secret), created.Key.KeyId);
        Assert.Contains(created.Warnings, w => w.Contains("taken from the key itself"));
    }

    [Fact]
    public void TryRevoke_deletes_a_key_nobody_received_but_never_a_stored_one()
    {
        var creator = Creator();
        var handedOut = creator.Create(creator.Plan("a", null, null, false), default);
        Assert.True(creator.TryRevoke(handedOut));
        var stored = creator.Create(creator.Plan("b", "Local", "wandb-b", false), default);
        Assert.False(creator.TryRevoke(stored));
        Assert.Equal(new[] { "b", "laptop" }, Names);
    }

    [Fact]
    public void No_message_carries_the_secret()
    {
        _vault.FailWrite = new VaultException("Set-Secret failed: the vault is locked.");
        string? secret = null;
        _api.NextSecret = () => secret = TestKeys.Current(4242);
        var creator = Creator();
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", "Local", "wandb-ci", false), default));
        Assert.NotNull(secret);
        // The key ID (the key's first part) is meant to be shown; the key, or any part of its secret, never.
        Assert.Contains(TestKeys.KeyIdOf(secret), e.Message);
        foreach (var text in _notes.Append(e.ToString())) TestKeys.AssertNoKeyIn(text, secret);
    }
}
