using Xunit;
using WandbAuth.Api;
using WandbAuth.Keys;
using WandbAuth.UnitTests.Keys.Support;

namespace WandbAuth.UnitTests.Keys;

public class KeyRemoverTests
{
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void The_session_key_is_refused_unless_forced(bool current, bool force, bool refused)
    {
        var why = RemovalGuard.Refusal("wandb_v1_mine", current, force);
        Assert.Equal(refused, why != null);
        if (why != null)
        {
            Assert.Contains("sign you out of every script", why);
            Assert.Contains("-Force", why);
            Assert.Contains("wandb_v1_mine", why);
        }
    }

    [Fact]
    public void Key_ids_resolve_from_one_listing_of_ones_own_keys()
    {
        var api = new FakeKeyApi("alice");
        var a = api.AddKey(api.Viewer, "a", keyId: "wandb_v1_a");
        var b = api.AddKey(api.Viewer, "b", keyId: "wandb_v1_b");
        var remover = new KeyRemover(api, _ => false);
        Assert.Equal(a.Id, remover.Resolve("wandb_v1_a", null, default).Id);
        Assert.Equal(b.Id, remover.Resolve("wandb_v1_b", "ALICE", default).Id);   // naming oneself needs no admin
        Assert.Equal(new[] { "viewer" }, api.Calls);
    }

    [Fact]
    public void An_unknown_key_id_is_NotFound_with_a_hint_for_admins()
    {
        var admin = new FakeKeyApi("root", admin: true);
        var e = Assert.Throws<KeyOperationException>(() => new KeyRemover(admin, _ => false).Resolve("wandb_v1_x", null, default));
        Assert.Equal(KeyProblem.NotFound, e.Problem);
        Assert.Contains("-User", e.Message);
        var plain = new FakeKeyApi("alice");
        Assert.DoesNotContain("-User", Assert.Throws<KeyOperationException>(() => new KeyRemover(plain, _ => false).Resolve("wandb_v1_x", null, default)).Message);
    }

    [Fact]
    public void Another_users_key_resolves_through_the_user_listing_once()
    {
        var api = new FakeKeyApi("root", admin: true);
        var bob = api.AddUser("bob");
        var k1 = api.AddKey(bob, "1", keyId: "wandb_v1_b1");
        api.AddKey(bob, "2", keyId: "wandb_v1_b2");
        var remover = new KeyRemover(api, _ => false);
        var key = remover.Resolve("wandb_v1_b1", "bob", default);
        remover.Resolve("wandb_v1_b2", "bob", default);
        Assert.Equal((k1.Id, "bob"), (key.Id, key.Owner));
        Assert.Single(api.Calls, c => c == "search:bob");
    }

    [Fact]
    public void A_listed_key_is_deleted_by_its_node_id_but_only_on_its_own_server()
    {
        var api = new FakeKeyApi("alice");
        var record = api.AddKey(api.Viewer, "x", keyId: "wandb_v1_x");
        var remover = new KeyRemover(api, _ => false);
        var listed = ApiKeys.From(record, api.Viewer, new Uri("https://wandb.example.com/"), _ => false);
        Assert.Equal(record.Id, remover.FromObject(listed).Id);
        var elsewhere = ApiKeys.From(record, api.Viewer, new Uri("https://other.example.com"), _ => false);
        Assert.Equal(KeyProblem.WrongServer, Assert.Throws<KeyOperationException>(() => remover.FromObject(elsewhere)).Problem);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public void Deleting_a_key_that_is_already_gone_is_NotFound()
    {
        var api = new FakeKeyApi("alice");
        var remover = new KeyRemover(api, _ => false);
        var e = Assert.Throws<KeyOperationException>(() => remover.Delete(new KeyToRemove("ApiKey:999", "wandb_v1_gone", "gone", "alice"), default));
        Assert.Equal(KeyProblem.NotFound, e.Problem);
        Assert.Contains("wandb_v1_gone", e.Message);
    }

    [Fact]
    public void Permission_refused_stays_a_PermissionDenied_api_error()
    {
        var api = new FakeKeyApi("alice");
        api.Before = c => { if (c == "delete") throw new WandbApiException(ApiErrorKind.PermissionDenied, api.BaseUrl, "permission denied"); };
        var remover = new KeyRemover(api, _ => false);
        var e = Assert.Throws<WandbApiException>(() => remover.Delete(new KeyToRemove("ApiKey:1", "wandb_v1_x", "x", "bob"), default));
        Assert.Equal(ApiErrorKind.PermissionDenied, e.Kind);
    }
}
