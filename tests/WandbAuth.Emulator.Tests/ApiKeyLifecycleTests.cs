using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class ApiKeyLifecycleTests
{
    [Fact]
    public async Task Generated_key_authenticates_and_listing_shows_only_its_key_id()
    {
        await using var org = await Seeded.StartAsync();

        var generated = await org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey, new { description = "new" });
        var secret = generated.Data.GetProperty("generateApiKey").GetProperty("apiKey").GetProperty("name").GetString()!;
        var viewer = (await org.Client.SendAsync(Documents.GetViewer, secret)).Data.GetProperty("viewer");

        Assert.Equal(86, secret.Length);
        Assert.Equal("bob", viewer.GetProperty("username").GetString());
        var listed = viewer.GetProperty("apiKeys").Nodes().Single(k => k.GetProperty("description").GetString() == "new");
        var keyId = listed.GetProperty("name").GetString()!;
        Assert.StartsWith(keyId, secret, StringComparison.Ordinal);
        Assert.True(keyId.Length < secret.Length);
        Assert.DoesNotContain(secret, (await org.Client.SendAsync(Documents.GetViewer, secret)).Text);
    }

    [Fact]
    public async Task Service_account_calling_with_its_own_key_gets_its_own_next_key()
    {
        await using var org = await Seeded.StartAsync();
        org.State.AddUser("trainer", accountType: AccountType.ServiceAccount, entity: "ml");
        var current = org.State.IssueKey("trainer", "first");

        var generated = await org.Client.SendAsync(Documents.GenerateApiKey, current, new { description = "second" });

        var next = generated.Data.GetProperty("generateApiKey").GetProperty("apiKey").GetProperty("name").GetString()!;
        Assert.Equal("trainer", org.State.UserByKey(next)?.Username);
        Assert.Equal(["first", "second"], org.State.Keys("trainer").Select(k => k.Description));
    }

    [Fact]
    public async Task Owner_may_delete_their_own_key()
    {
        await using var org = await Seeded.StartAsync();
        var keyId = org.State.Keys("bob")[0].Id;

        var response = await org.Client.SendAsync(Documents.DeleteApiKey, org.BobKey, new { id = keyId });

        Assert.True(response.Data.GetProperty("deleteApiKey").GetProperty("success").GetBoolean());
        Assert.Empty(org.State.Keys("bob"));
    }

    [Fact]
    public async Task Non_admin_may_not_delete_someone_elses_key_not_even_a_team_admin()
    {
        await using var org = await Seeded.StartAsync();
        var bobsKey = org.State.Keys("bob")[0].Id;

        var response = await org.Client.SendAsync(Documents.DeleteApiKey, org.AliceKey, new { id = bobsKey });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("permission denied", Assert.Single(response.ErrorMessages));
        Assert.Equal("deleteApiKey", response.Json.GetProperty("errors")[0].GetProperty("path")[0].GetString());
        Assert.True(org.State.IsLive(org.BobKey));
    }

    [Fact]
    public async Task Organization_admin_may_delete_anyones_key()
    {
        await using var org = await Seeded.StartAsync();
        var bobsKey = org.State.Keys("bob")[0].Id;

        var response = await org.Client.SendAsync(Documents.DeleteApiKey, org.RootKey, new { id = bobsKey });

        Assert.True(response.Data.GetProperty("deleteApiKey").GetProperty("success").GetBoolean());
        Assert.False(org.State.IsLive(org.BobKey));
    }

    [Fact]
    public async Task Deleting_an_unknown_or_already_deleted_key_reports_api_key_not_found()
    {
        await using var org = await Seeded.StartAsync();
        var spare = org.State.IssueKey("bob", "spare");
        var spareId = org.State.Keys("bob")[1].Id;
        await org.Client.SendAsync(Documents.DeleteApiKey, org.BobKey, new { id = spareId });

        var again = await org.Client.SendAsync(Documents.DeleteApiKey, org.BobKey, new { id = spareId });
        var byKeyId = await org.Client.SendAsync(Documents.DeleteApiKey, org.BobKey, new { id = org.State.Keys("bob")[0].KeyId });

        Assert.False(org.State.IsLive(spare));
        Assert.Equal("api key not found", Assert.Single(again.ErrorMessages));
        Assert.Equal("api key not found", Assert.Single(byKeyId.ErrorMessages));
    }

    [Fact]
    public async Task Listing_five_thousand_keys_returns_them_all()
    {
        await using var org = await Seeded.StartAsync();
        for (var i = 0; i < 5000; i++)
        {
            org.State.IssueKey("bob", $"key {i}");
        }

        var response = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        var keys = response.Data.GetProperty("viewer").GetProperty("apiKeys").Nodes();
        Assert.Equal(5001, keys.Count);
        Assert.Equal(5001, keys.Select(k => k.GetProperty("name").GetString()).Distinct().Count());
    }
}
