using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Connect;

/// <summary>A keyless session whose access token cannot be renewed: the command says so, and the old token serves on.</summary>
public class KeylessRenewalTests : HostedTest
{
    private string _jwt = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var tokenPath = Path.Combine(Env.Home, "token.jwt");
        _jwt = Emulator.IdentityToken("alice@example.com", TimeSpan.FromMinutes(30));
        File.WriteAllText(tokenPath, _jwt + "\n");
        Ps.SetVariable("TokenPath", tokenPath);
    }

    private IReadOnlyList<LoggedRequest> ExchangeRequests => Emulator.Requests.ForOperation(WandbEmulator.TokenExchangeOperation);

    [Fact]
    public void A_failed_renewal_is_a_warning_of_the_command_it_happened_in_and_is_not_tried_again_at_once()
    {
        // 4 minutes of life is within the 5-minute margin: the next request renews first.
        Emulator.Options.AccessTokenLifetime = TimeSpan.FromMinutes(4);
        Assert.Empty(Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl").AllErrors);
        Emulator.Faults.Enqueue(Fault.Status(400), WandbEmulator.TokenExchangeOperation);

        var r = Ps.Run("Get-WandbApiKey");
        Assert.Empty(r.AllErrors);
        Assert.Single(r.Output);
        var warning = Assert.Single(r.Warnings);
        Assert.StartsWith("Renewing the W&B access token failed: W&B at ", warning);
        Assert.Contains("HTTP 400", warning);
        Assert.Contains("The current access token serves until", warning);
        Assert.Equal(2, ExchangeRequests.Count);

        var again = Ps.Run("Get-WandbApiKey");
        Assert.Empty(again.AllErrors);
        Assert.Empty(again.Warnings);
        Assert.Contains(again.Verbose, v => v.StartsWith("Renewing the W&B access token failed"));
        Assert.Equal(2, ExchangeRequests.Count); // within 30 s of the failure no renewal is tried
        var accessTokens = Emulator.State.AccessTokens("alice");
        r.AssertNoSecret(accessTokens.Append(_jwt).ToArray());
        again.AssertNoSecret(accessTokens.Append(_jwt).ToArray());
    }
}
