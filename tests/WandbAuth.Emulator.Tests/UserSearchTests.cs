using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class UserSearchTests
{
    [Fact]
    public async Task Users_is_for_organization_admins_only()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.SearchUsers, org.AliceKey, new { query = "bob" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("permission denied", Assert.Single(response.ErrorMessages));
        Assert.Equal("users", response.Json.GetProperty("errors")[0].GetProperty("path")[0].GetString());
    }

    [Theory]
    [InlineData("ALI", new[] { "alice" })]
    [InlineData("example.com", new[] { "root", "alice", "bob" })]
    [InlineData("alice@example", new[] { "alice" })]
    [InlineData("", new[] { "root", "alice", "bob" })]
    [InlineData("nobody", new string[0])]
    public async Task Query_matches_username_or_email_ignoring_case(string query, string[] expected)
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.SearchUsers, org.RootKey, new { query });

        Assert.Equal(expected, response.Data.GetProperty("users").Nodes().Select(u => u.GetProperty("username").GetString()));
    }

    [Fact]
    public async Task Service_accounts_are_listed_and_tell_themselves_apart_by_account_type()
    {
        await using var org = await Seeded.StartAsync();
        org.State.AddUser("trainer", accountType: AccountType.ServiceAccount, entity: "ml");
        var document = new Document("Types", "query Types { users { edges { node { username accountType } } } }");

        var response = await org.Client.SendAsync(document, org.RootKey);

        var types = response.Data.GetProperty("users").Nodes()
            .ToDictionary(u => u.GetProperty("username").GetString()!, u => u.GetProperty("accountType").GetString());
        Assert.Equal("SERVICE", types["trainer"]);
        Assert.Equal("USER", types["bob"]);
    }
}
