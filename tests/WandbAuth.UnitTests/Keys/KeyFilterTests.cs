using Xunit;
using WandbAuth.Api;
using WandbAuth.Keys;

namespace WandbAuth.UnitTests.Keys;

public class KeyFilterTests
{
    private static readonly Uri Base = new("https://wandb.example.com");

    private static ApiKey Key(string keyId, string name, string owner = "alice", DateTime? created = null, DateTime? lastUsed = null)
    {
        var record = new ApiKeyRecord { Id = "id-" + keyId, KeyId = keyId, Description = name, CreatedAt = created, LastUsedAt = lastUsed };
        return ApiKeys.From(record, new UserRecord { Username = owner }, Base, _ => false);
    }

    [Fact]
    public void Name_takes_wildcards_and_ignores_case()
    {
        var f = new KeyFilter(name: "CI-*");
        Assert.True(f.Matches(Key("wandb_v1_a", "ci-prod")));
        Assert.False(f.Matches(Key("wandb_v1_b", "laptop")));
        Assert.True(new KeyFilter(name: "lap?op").Matches(Key("k", "laptop")));
    }

    [Fact]
    public void KeyId_takes_several_wildcard_patterns_and_is_case_sensitive()
    {
        var f = new KeyFilter(keyIds: new[] { "abc*", "0123456789" });
        Assert.True(f.Matches(Key("abcdef", "x")));
        Assert.True(f.Matches(Key("0123456789", "legacy")));
        Assert.False(f.Matches(Key("ABCdef", "x")));
        Assert.False(f.Matches(Key("zzz", "x")));
    }

    [Theory]
    [InlineData("wandb_v1_abc*")]
    [InlineData("abc*")]
    [InlineData("wandb_v1_abcdef")]
    [InlineData("abcdef")]
    public void KeyId_matches_with_or_without_the_wandb_v1_prefix(string given) =>
        Assert.True(new KeyFilter(keyIds: new[] { given }).Matches(Key("abcdef", "x")));

    [Fact]
    public void KeyId_that_is_a_whole_key_is_refused_without_repeating_it()
    {
        var key = WandbAuth.UnitTests.Support.TestKeys.Current(5);
        var e = Assert.Throws<ArgumentException>(() => new KeyFilter(keyIds: new[] { key }));
        Assert.Contains("whole API key", e.Message);
        WandbAuth.UnitTests.Support.TestKeys.AssertNoKeyIn(e.Message, key);
    }

    [Fact]
    public void Exact_key_ids_no_key_matched_are_reported_and_wildcards_never()
    {
        var f = new KeyFilter(keyIds: new[] { "abcdef", "wandb_v1_missing", "nothing*" });
        Assert.True(f.Matches(Key("abcdef", "x")));
        Assert.False(f.Matches(Key("zzz", "x")));
        Assert.Equal(new[] { "wandb_v1_missing" }, f.ExactKeyIdsNotFound);   // as the user gave it
    }

    [Theory]
    [InlineData("PROD", true)]      // part of the name
    [InlineData("bc", true)]        // part of the key ID
    [InlineData("LIC", true)]       // part of the owner
    [InlineData("bob", false)]
    public void Search_looks_in_name_key_id_and_owner_like_the_settings_page(string search, bool expected)
    {
        Assert.Equal(expected, new KeyFilter(search: search).Matches(Key("abcd", "ci-prod", "alice")));
    }

    [Fact]
    public void Search_does_not_treat_wildcard_characters_as_patterns()
    {
        Assert.False(new KeyFilter(search: "ci*").Matches(Key("k", "ci-prod")));
        Assert.True(new KeyFilter(search: "[1]").Matches(Key("k", "old [1]")));
    }

    [Fact]
    public void NotUsedSince_takes_keys_used_before_the_date_or_never()
    {
        var cutoff = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var f = new KeyFilter(notUsedSince: cutoff);
        Assert.True(f.Matches(Key("a", "stale", lastUsed: cutoff.AddDays(-1))));
        Assert.True(f.Matches(Key("b", "never used", lastUsed: null)));
        Assert.False(f.Matches(Key("c", "fresh", lastUsed: cutoff.AddMinutes(1))));
        Assert.False(f.Matches(Key("d", "exactly then", lastUsed: cutoff)));
    }

    [Fact]
    public void CreatedBefore_leaves_out_keys_whose_creation_date_is_unknown()
    {
        var cutoff = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var f = new KeyFilter(createdBefore: cutoff);
        Assert.True(f.Matches(Key("a", "old", created: cutoff.AddYears(-1))));
        Assert.False(f.Matches(Key("b", "new", created: cutoff.AddDays(1))));
        Assert.False(f.Matches(Key("c", "unknown", created: null)));
    }

    [Fact]
    public void A_local_date_is_compared_with_the_servers_UTC_times_as_the_same_instant()
    {
        var serverTime = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var justAfterLocal = serverTime.AddMinutes(1).ToLocalTime();
        var justBeforeLocal = serverTime.AddMinutes(-1).ToLocalTime();
        Assert.True(new KeyFilter(createdBefore: justAfterLocal).Matches(Key("a", "k", created: serverTime)));
        Assert.False(new KeyFilter(createdBefore: justBeforeLocal).Matches(Key("a", "k", created: serverTime)));
    }

    [Fact]
    public void All_filters_must_hold()
    {
        var f = new KeyFilter(name: "ci*", search: "alice", notUsedSince: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.True(f.Matches(Key("a", "ci-1", "alice")));
        Assert.False(f.Matches(Key("a", "ci-1", "bob")));
        Assert.False(f.Matches(Key("a", "ci-1", "alice", lastUsed: new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public void Date_filters_the_server_cannot_answer_are_refused_by_name()
    {
        var none = new SchemaFeatures();
        var lastUsed = Assert.Throws<KeyOperationException>(() => new KeyFilter(notUsedSince: DateTime.Now).RequireSupport(none, Base));
        Assert.Equal(KeyProblem.FilterUnsupported, lastUsed.Problem);
        Assert.Contains("-NotUsedSince", lastUsed.Message);
        var created = Assert.Throws<KeyOperationException>(() => new KeyFilter(createdBefore: DateTime.Now).RequireSupport(none, Base));
        Assert.Contains("-CreatedBefore", created.Message);
        // Without date filters, a server without those fields is fine.
        new KeyFilter(name: "x").RequireSupport(none, Base);
        new KeyFilter(notUsedSince: DateTime.Now).RequireSupport(new SchemaFeatures { ApiKeyLastUsedField = "lastUsed" }, Base);
    }
}
