using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class ServiceAccountTests
{
    [Fact]
    public async Task Organization_admin_may_create_a_service_account_in_any_team()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.CreateServiceAccount, org.RootKey,
            new { entity = "ml", description = "deploy" });

        Assert.Empty(response.ErrorMessages);
        Assert.Contains(org.State.Members("ml"), m => m.User.Username == "deploy");
    }

    [Fact]
    public async Task Plain_team_member_may_not_create_a_service_account()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.CreateServiceAccount, org.BobKey,
            new { entity = "ml", description = "deploy" });

        Assert.Equal("permission denied", Assert.Single(response.ErrorMessages));
        Assert.DoesNotContain(org.State.Users(), u => u.AccountType == AccountType.ServiceAccount);
    }

    [Fact]
    public async Task Unknown_team_is_an_error()
    {
        await using var org = await Seeded.StartAsync();

        var response = await org.Client.SendAsync(Documents.CreateServiceAccount, org.RootKey,
            new { entity = "nope", description = "deploy" });

        Assert.Equal("entity nope not found", Assert.Single(response.ErrorMessages));
    }

    [Fact]
    public async Task Same_description_twice_gives_two_distinct_accounts()
    {
        await using var org = await Seeded.StartAsync();
        var variables = new { entity = "ml", description = "deploy" };

        await org.Client.SendAsync(Documents.CreateServiceAccount, org.AliceKey, variables);
        await org.Client.SendAsync(Documents.CreateServiceAccount, org.AliceKey, variables);

        Assert.Equal(["deploy", "deploy-2"],
            org.State.Users().Where(u => u.AccountType == AccountType.ServiceAccount).Select(u => u.Username));
    }
}
