using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

/// <summary>Every document of wandb-api.md validates and does what the real server does.</summary>
public class SdkDocumentTests
{
    [Fact]
    public async Task GetViewer_returns_the_caller_with_default_entity_key_ids_and_teams()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.GetViewer, org.AliceKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.ErrorMessages);
        var viewer = response.Data.GetProperty("viewer");
        var alice = org.State.FindUser("alice")!;
        Assert.Equal(alice.Id, viewer.GetProperty("id").GetString());
        Assert.Equal("alice", viewer.GetProperty("username").GetString());
        Assert.Equal("alice", viewer.GetProperty("name").GetString());
        Assert.Equal("Alice@Example.com", viewer.GetProperty("email").GetString());
        Assert.False(viewer.GetProperty("admin").GetBoolean());
        Assert.Equal("ml", viewer.GetProperty("entity").GetString());
        var key = Assert.Single(viewer.GetProperty("apiKeys").Nodes());
        Assert.Equal("wandb_v1_" + org.State.Keys("alice")[0].KeyId, key.GetProperty("name").GetString());
        Assert.Equal("alice laptop", key.GetProperty("description").GetString());
        Assert.Equal("ml", Assert.Single(viewer.GetProperty("teams").Nodes()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task GenerateApiKey_creates_a_described_key_for_the_caller()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey, new { description = "ci runner" });

        var apiKey = response.Data.GetProperty("generateApiKey").GetProperty("apiKey");
        Assert.Equal("ci runner", apiKey.GetProperty("description").GetString());
        var created = Assert.Single(org.State.Keys("bob"), k => k.Id == apiKey.GetProperty("id").GetString());
        Assert.Equal("ci runner", created.Description);
    }

    [Fact]
    public async Task GenerateApiKey_without_a_description_stores_an_empty_one()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey);

        Assert.Equal("", response.Data.GetProperty("generateApiKey").GetProperty("apiKey").GetProperty("description").GetString());
    }

    [Fact]
    public async Task DeleteApiKey_removes_the_key_so_it_no_longer_authenticates()
    {
        await using var org = await Seeded.StartAsync();
        var spare = org.State.IssueKey("bob", "spare");
        var spareId = org.State.Keys("bob").Single(k => k.Description == "spare").Id;

        var response = await org.Client.SendAsync(Documents.DeleteApiKey, org.BobKey, new { id = spareId });

        Assert.True(response.Data.GetProperty("deleteApiKey").GetProperty("success").GetBoolean());
        Assert.False(org.State.IsLive(spare));
        Assert.Equal(HttpStatusCode.Unauthorized, (await org.Client.SendAsync(Documents.GetViewer, spare)).Status);
    }

    [Fact]
    public async Task CreateServiceAccount_adds_a_service_account_to_the_team()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.CreateServiceAccount, org.AliceKey,
            new { entity = "ml", description = "Nightly Trainer" });

        var id = response.Data.GetProperty("createServiceAccount").GetProperty("user").GetProperty("id").GetString();
        var account = Assert.Single(org.State.Users(), u => u.Id == id);
        Assert.Equal(AccountType.ServiceAccount, account.AccountType);
        Assert.Equal("nightly-trainer", account.Username);
        Assert.Equal("Nightly Trainer", account.Name);
        Assert.Equal("ml", account.Entity);
        Assert.Contains(org.State.Members("ml"), m => m.User.Id == id && !m.TeamAdmin);
    }

    [Fact]
    public async Task GetTeamEntity_lists_members_with_roles_and_account_types_but_no_key()
    {
        await using var org = await Seeded.StartAsync();
        org.State.AddUser("trainer", accountType: AccountType.ServiceAccount, entity: "ml");
        org.State.AddMember("ml", "trainer");
        org.State.IssueKey("trainer");

        var response = await org.Client.SendAsync(Documents.GetTeamEntity, org.AliceKey, new { name = "ml" });

        var entity = response.Data.GetProperty("entity");
        Assert.Equal(org.State.FindTeam("ml")!.Id, entity.GetProperty("id").GetString());
        Assert.Equal("ml", entity.GetProperty("name").GetString());
        Assert.True(entity.GetProperty("isTeam").GetBoolean());
        var members = entity.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("username").GetString()!);
        Assert.Equal(["alice", "bob", "trainer"], members.Keys);
        Assert.True(members["alice"].GetProperty("admin").GetBoolean());
        Assert.False(members["bob"].GetProperty("admin").GetBoolean());
        Assert.False(members["bob"].GetProperty("pending").GetBoolean());
        Assert.Equal("bob@example.com", members["bob"].GetProperty("email").GetString());
        Assert.Equal("USER", members["bob"].GetProperty("accountType").GetString());
        Assert.Equal("SERVICE", members["trainer"].GetProperty("accountType").GetString());
        Assert.All(members.Values, m => Assert.Equal(System.Text.Json.JsonValueKind.Null, m.GetProperty("apiKey").ValueKind));
    }

    [Fact]
    public async Task Entity_named_after_a_user_is_a_personal_entity_and_unknown_names_are_null()
    {
        await using var org = await Seeded.StartAsync();

        var personal = await org.Client.SendAsync(Documents.GetTeamEntity, org.BobKey, new { name = "bob" });
        var unknown = await org.Client.SendAsync(Documents.GetTeamEntity, org.BobKey, new { name = "nobody" });

        var entity = personal.Data.GetProperty("entity");
        Assert.False(entity.GetProperty("isTeam").GetBoolean());
        Assert.Equal("bob", Assert.Single(entity.GetProperty("members").EnumerateArray()).GetProperty("username").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unknown.Data.GetProperty("entity").ValueKind);
    }

    [Fact]
    public async Task SearchUsers_gives_an_admin_every_user_with_key_ids()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.SearchUsers, org.RootKey, new { query = (string?)null });

        var users = response.Data.GetProperty("users").Nodes();
        Assert.Equal(["root", "alice", "bob"], users.Select(u => u.GetProperty("username").GetString()));
        var bob = users.Single(u => u.GetProperty("username").GetString() == "bob");
        Assert.Equal("bob@example.com", bob.GetProperty("email").GetString());
        Assert.False(bob.GetProperty("admin").GetBoolean());
        var key = Assert.Single(bob.GetProperty("apiKeys").Nodes());
        Assert.Equal("wandb_v1_" + org.State.Keys("bob")[0].KeyId, key.GetProperty("name").GetString());
        Assert.Equal("bob laptop", key.GetProperty("description").GetString());
    }
}
