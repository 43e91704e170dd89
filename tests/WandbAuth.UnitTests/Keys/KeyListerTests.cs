using Xunit;
using WandbAuth.Api;
using WandbAuth.Keys;
using WandbAuth.UnitTests.Keys.Support;

namespace WandbAuth.UnitTests.Keys;

public class KeyListerTests
{
    private readonly FakeKeyApi _api = new("root", admin: true);

    private KeyLister Lister(Func<string, bool>? isCurrent = null, List<string>? notes = null) =>
        new(_api, isCurrent ?? (_ => false), notes == null ? null : notes.Add);

    [Fact]
    public void Own_keys_carry_owner_dates_node_id_and_which_one_is_current()
    {
        var used = new DateTime(2025, 2, 2, 0, 0, 0, DateTimeKind.Utc);
        _api.AddKey(_api.Viewer, "console", keyId: "wandb_v1_console", created: used.AddDays(-9), lastUsed: used);
        _api.AddKey(_api.Viewer, "spare", keyId: "wandb_v1_spare");
        var keys = Lister(id => id == "console").List(KeyScope.Viewer, null, new KeyFilter(), default).ToList();
        Assert.Equal(new[] { "console", "spare" }, keys.Select(k => k.Name));
        var console = keys[0];
        Assert.Equal("console", console.KeyId);
        Assert.Equal("root", console.Owner);
        Assert.Equal(ApiKeyOwnerType.User, console.OwnerType);
        Assert.Equal(used, console.LastUsedAt);
        Assert.StartsWith("ApiKey:", console.Id);
        Assert.True(console.IsCurrent);
        Assert.False(keys[1].IsCurrent);
        Assert.Equal(_api.BaseUrl, console.BaseUrl);
    }

    [Theory]
    [InlineData("SERVICE", ApiKeyOwnerType.ServiceAccount)]
    [InlineData("service_account", ApiKeyOwnerType.ServiceAccount)]
    [InlineData("USER", ApiKeyOwnerType.User)]
    [InlineData(null, null)]
    public void Owner_type_follows_accountType_and_is_null_when_the_server_does_not_say(string? accountType, ApiKeyOwnerType? expected)
    {
        Assert.Equal(expected, ApiKeys.OwnerTypeOf(accountType));
    }

    [Fact]
    public void User_picks_the_exact_user_among_partial_matches_by_name_or_email()
    {
        var bo = _api.AddUser("bo");
        var bob = _api.AddUser("bob", email: "robert@example.com");
        _api.AddKey(bo, "bo's");
        _api.AddKey(bob, "bob's");
        Assert.Equal(new[] { "bo's" }, Lister().List(KeyScope.User, "BO", new KeyFilter(), default).Select(k => k.Name));
        Assert.Equal(new[] { "bob's" }, Lister().List(KeyScope.User, "robert@example.com", new KeyFilter(), default).Select(k => k.Name));
        var missing = Assert.Throws<KeyOperationException>(() => Lister().List(KeyScope.User, "b", new KeyFilter(), default).ToList());
        Assert.Equal(KeyProblem.NotFound, missing.Problem);
    }

    [Fact]
    public void Team_lists_only_its_service_accounts_keys()
    {
        var bot = _api.AddUser("ml-bot", accountType: "SERVICE");
        var person = _api.AddUser("carol");
        var otherBot = _api.AddUser("ml-bot-2", accountType: "SERVICE");   // not in the team, matches the search text
        _api.AddKey(bot, "training");
        _api.AddKey(person, "carol's");
        _api.AddKey(otherBot, "elsewhere");
        _api.AddMember("ml", bot);
        _api.AddMember("ml", person);
        var notes = new List<string>();
        var keys = Lister(notes: notes).List(KeyScope.Team, "ml", new KeyFilter(), default).ToList();
        var key = Assert.Single(keys);
        Assert.Equal("training", key.Name);
        Assert.Equal(ApiKeyOwnerType.ServiceAccount, key.OwnerType);
        Assert.Contains(notes, n => n.Contains("2 members, 1 of them service accounts"));
        Assert.Equal(new[] { "team:ml", "search:ml-bot" }, _api.Calls);
    }

    [Fact]
    public void All_is_read_lazily_one_user_at_a_time()
    {
        for (int i = 0; i < 50; i++) _api.AddKey(_api.AddUser($"user{i}"), "k");
        using var keys = Lister().List(KeyScope.All, null, new KeyFilter(), default).GetEnumerator();
        Assert.True(keys.MoveNext());
        Assert.True(keys.MoveNext());
        Assert.True(keys.MoveNext());
        // root has no key: the third key is user2's, and nothing past the fourth user has been read.
        Assert.Equal("user2", keys.Current.Owner);
        Assert.Equal(4, _api.LastStream!.Read);
        keys.Dispose();
        Assert.True(_api.LastStream.Disposed);
    }

    [Fact]
    public void An_unsupported_date_filter_fails_before_anything_is_listed()
    {
        _api.Features = new SchemaFeatures();
        var e = Assert.Throws<KeyOperationException>(() => Lister().List(KeyScope.All, null, new KeyFilter(notUsedSince: DateTime.Now), default));
        Assert.Equal(KeyProblem.FilterUnsupported, e.Problem);
        Assert.Equal(new[] { "features" }, _api.Calls);
    }

    [Fact]
    public void Filters_apply_to_every_scope()
    {
        var bob = _api.AddUser("bob");
        _api.AddKey(bob, "old-1");
        _api.AddKey(bob, "new-1");
        _api.AddKey(_api.Viewer, "old-root");
        var names = Lister().List(KeyScope.All, null, new KeyFilter(name: "old*"), default).Select(k => k.Name).ToList();
        Assert.Equal(new[] { "old-root", "old-1" }, names);
    }
}
