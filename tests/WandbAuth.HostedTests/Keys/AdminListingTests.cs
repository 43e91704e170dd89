using System.Management.Automation;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Keys;

/// <summary>Get-WandbApiKey for organization admins: -User, -Team and -All; refused for everybody else.</summary>
public class AdminListingTests : KeyTest
{
    private string _adminKey = "";
    private string _bobKey = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _adminKey = AddUserWithKey("root", admin: true, keyName: "admin console");
        _bobKey = AddUserWithKey("bob", keyName: "bobs-laptop");
    }

    [Fact]
    public void User_lists_another_users_keys_for_an_admin()
    {
        var second = Emulator.State.IssueKey("bob", "bobs-ci");
        ConnectWith(_adminKey, "Root");
        var result = Ps.Run("Get-WandbApiKey -User bob");
        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "bobs-ci", "bobs-laptop" }, Column(result, "Name").OrderBy(n => n));
        Assert.All(result.Output, o => Assert.Equal("bob", Str(o, "Owner")));
        Assert.All(result.Output, o => Assert.Equal("User", Str(o, "OwnerType")));
        Assert.All(result.Output, o => Assert.False((bool)Prop(o, "IsCurrent")!));
        // By e-mail too, and filters still apply.
        Assert.Equal(new[] { "bobs-ci" }, Column(Ps.Run("Get-WandbApiKey -User bob@example.com -Name '*ci'"), "Name"));
        result.AssertNoSecret(_adminKey, _bobKey, second);
    }

    [Fact]
    public void User_for_a_non_admin_is_PermissionDenied()
    {
        ConnectAlice();
        var result = Ps.Run("Get-WandbApiKey -User bob");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        result.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Unknown_user_is_ObjectNotFound()
    {
        ConnectWith(_adminKey, "Root");
        var error = Ps.Run("Get-WandbApiKey -User nobody-here").SingleError();
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("nobody-here", error.Exception.Message);
    }

    [Fact]
    public void Team_lists_only_the_teams_service_accounts_keys()
    {
        Emulator.State.AddTeam("ml");
        Emulator.State.AddUser("ml-trainer", accountType: AccountType.ServiceAccount);
        Emulator.State.AddUser("other-bot", accountType: AccountType.ServiceAccount);
        Emulator.State.AddMember("ml", "ml-trainer");
        Emulator.State.AddMember("ml", "bob", teamAdmin: true);
        var trainer = Emulator.State.IssueKey("ml-trainer", "nightly training");
        var otherBot = Emulator.State.IssueKey("other-bot", "elsewhere");
        ConnectWith(_adminKey, "Root");
        var result = Ps.Run("Get-WandbApiKey -Team ml");
        Assert.Empty(result.AllErrors);
        var key = result.Single();
        Assert.Equal("nightly training", Str(key, "Name"));
        Assert.Equal("ml-trainer", Str(key, "Owner"));
        Assert.Equal("ServiceAccount", Str(key, "OwnerType"));
        Assert.Equal(KeyIdOf(trainer), Str(key, "KeyId"));
        result.AssertNoSecret(_adminKey, trainer, otherBot, _bobKey);

        var missing = Ps.Run("Get-WandbApiKey -Team no-such-team").SingleError();
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
    }

    [Fact]
    public void All_lists_every_user_and_service_account_in_one_request()
    {
        Emulator.State.AddUser("deploy-bot", accountType: AccountType.ServiceAccount);
        var bot = Emulator.State.IssueKey("deploy-bot", "deploy");
        ConnectWith(_adminKey, "Root");
        Emulator.Requests.Clear();
        var result = Ps.Run("Get-WandbApiKey -All");
        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "admin console", "bobs-laptop", "deploy", "laptop" }, Column(result, "Name").OrderBy(n => n));
        Assert.Equal("ServiceAccount", Str(result.Output.Single(o => Str(o, "Owner") == "deploy-bot"), "OwnerType"));
        Assert.True((bool)Prop(result.Output.Single(o => Str(o, "Owner") == "root"), "IsCurrent")!);
        Assert.Single(Emulator.Requests.All);
        Assert.Equal("SearchUsers", Emulator.Requests.All[0].OperationName);
        result.AssertNoSecret(_adminKey, _bobKey, bot, AliceKey);
    }

    [Fact]
    public void All_for_a_non_admin_is_PermissionDenied()
    {
        ConnectAlice();
        var result = Ps.Run("Get-WandbApiKey -All");
        Assert.Equal(ErrorCategory.PermissionDenied, result.SingleError().CategoryInfo.Category);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void All_streams_5000_keys()
    {
        // 1,000 users with five keys each, on top of the three seeded users' keys.
        var secrets = new List<string>();
        for (int u = 0; u < 1000; u++)
        {
            var name = $"user{u:D4}";
            Emulator.State.AddUser(name, $"{name}@example.com");
            for (int k = 0; k < 5; k++) secrets.Add(Emulator.State.IssueKey(name, $"key {k}"));
        }
        ConnectWith(_adminKey, "Root");
        Emulator.Requests.Clear();

        // Counted as they pass; nothing is collected by the pipeline.
        var result = Ps.Run("$n = 0; $owners = @{}; Get-WandbApiKey -All | ForEach-Object { $n++; $owners[$_.Owner] = 1 }; $n; $owners.Count");
        Assert.Empty(result.AllErrors);
        Assert.Equal(5003, (int)result.Output[0].BaseObject);
        Assert.Equal(1003, (int)result.Output[1].BaseObject);
        Assert.Single(Emulator.Requests.ForOperation("SearchUsers"));

        var filtered = Ps.Run("Get-WandbApiKey -All -Name 'key 4' -Search user09");
        Assert.Empty(filtered.AllErrors);
        Assert.Equal(100, filtered.Output.Count);
        filtered.AssertNoSecret(secrets[0], secrets[^1], secrets[4999 - 5 * 9], _adminKey);
    }
}
