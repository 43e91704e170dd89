using System.Management.Automation;
using SecretManagement.StandIn;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Connect;

/// <summary>
/// Keyless sign-in as users meet it: Connect-Wandb -IdentityTokenFile, WANDB_IDENTITY_TOKEN_FILE and
/// -AzureDevOpsServiceConnection against the emulator's /oidc/token, with every stream scanned for the JWT, the access
/// tokens and System.AccessToken.
/// </summary>
public class KeylessConnectTests : HostedTest
{
    private const string BotSubject = "repo:contoso/models:ref:refs/heads/main";
    private string _jwt = "";
    private string TokenPath => Path.Combine(Env.Home, "token.jwt");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Emulator.State.AddTeam("ml");
        Emulator.State.AddFederatedServiceAccount("ml", "ci bot", BotSubject);
        WriteToken("alice@example.com");
        Ps.SetVariable("TokenPath", TokenPath);
    }

    private void WriteToken(string subject, TimeSpan? lifetime = null)
    {
        _jwt = Emulator.IdentityToken(subject, lifetime ?? TimeSpan.FromMinutes(30));
        File.WriteAllText(TokenPath, _jwt + "\n");
    }

    /// <summary>Neither the JWT, nor any access token W&amp;B handed out, nor a key, anywhere a user or a log could see.</summary>
    private void AssertNoToken(PsResult result, params string[] more)
    {
        var tokens = Emulator.State.AccessTokens("alice").Concat(Emulator.State.AccessTokens("ci-bot"));
        result.AssertNoSecret(tokens.Append(_jwt).Append(_jwt.Split('.')[2]).Append(AliceKey).Concat(more).ToArray());
    }

    private int Exchanges => Emulator.Requests.ForOperation(WandbEmulator.TokenExchangeOperation).Count(r => r.StatusCode == 200);

    [Fact]
    public void IdentityTokenFile_signs_in_keyless_showing_source_subject_and_expiry()
    {
        var r = Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl -Verify");
        Assert.Empty(r.AllErrors);
        var c = r.Single();
        Assert.Equal("IdentityToken", c.Properties["Source"].Value.ToString());
        Assert.Equal(TokenPath, c.Properties["SourceDetail"].Value);
        Assert.Equal("alice@example.com", c.Properties["Subject"].Value);
        Assert.Equal("alice", c.Properties["User"].Value);
        Assert.Equal("Jwt", c.Properties["KeyFormat"].Value.ToString());
        var expires = (DateTimeOffset)c.Properties["AccessTokenExpiresAt"].Value;
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.Contains(r.Verbose, v => v.Contains("renewed with a fresh identity token"));
        Assert.Equal(1, Exchanges);
        AssertNoToken(r);

        var listed = Ps.Run("Get-WandbApiKey");
        Assert.Empty(listed.AllErrors);
        Assert.Equal("laptop", Assert.Single(listed.Output).Properties["Name"].Value);
        Assert.False((bool)listed.Output[0].Properties["IsCurrent"].Value);
        Assert.Contains(Emulator.Requests.All, q => q.Subject == "alice" && q.OperationName == "ListViewerKeys");
        AssertNoToken(listed);
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_PowerShell_location()
    {
        Ps.SetVariable("HomeDir", Env.Home);
        var r = Ps.Run("$ExecutionContext.SessionState.Path.SetLocation($HomeDir) | Out-Null; Connect-Wandb -IdentityTokenFile ./token.jwt -BaseUrl $BaseUrl");
        Assert.Empty(r.AllErrors);
        Assert.Equal(TokenPath, r.Single().Properties["SourceDetail"].Value);
    }

    [Fact]
    public void WANDB_IDENTITY_TOKEN_FILE_is_found_by_the_lookup_chain()
    {
        Env.Set("WANDB_IDENTITY_TOKEN_FILE", TokenPath);
        var r = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl");
        Assert.Empty(r.AllErrors);
        Assert.Equal("IdentityToken", r.Single().Properties["Source"].Value.ToString());
        Assert.Equal($"WANDB_IDENTITY_TOKEN_FILE ({TokenPath})", r.Single().Properties["SourceDetail"].Value);
        AssertNoToken(r);
    }

    [Fact]
    public void Both_WANDB_API_KEY_and_WANDB_IDENTITY_TOKEN_FILE_set_is_a_clear_error_as_in_the_SDK()
    {
        Env.Set("WANDB_IDENTITY_TOKEN_FILE", TokenPath);
        Env.Set("WANDB_API_KEY", AliceKey);
        var r = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl");
        var error = r.SingleError();
        Assert.StartsWith("WandbCredentialConflict", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("which is not allowed", error.Exception.Message);
        Assert.Empty(Emulator.Requests.All);
        Assert.Empty(Ps.Run("Get-WandbConnection").Output);
        AssertNoToken(r);
    }

    [Fact]
    public void A_file_that_holds_no_JWT_is_refused_before_anything_is_sent()
    {
        File.WriteAllText(TokenPath, AliceKey);
        var r = Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl");
        var error = r.SingleError();
        Assert.StartsWith("WandbIdentityTokenInvalid", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Empty(Emulator.Requests.All);
        AssertNoToken(r);
    }

    [Fact]
    public void A_token_W_and_B_refuses_fails_with_what_it_checked_and_no_connection_is_kept()
    {
        WriteToken("mallory@example.com");
        var r = Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl");
        var error = r.SingleError();
        Assert.StartsWith("WandbIdentityTokenRejected", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("invalid_grant", error.Exception.Message);
        Assert.Contains("sub mallory@example.com", error.Exception.Message);
        Assert.Single(Emulator.Requests.ForOperation(WandbEmulator.TokenExchangeOperation)); // a 4xx is final
        Assert.Empty(Ps.Run("Get-WandbConnection").Output);
        AssertNoToken(r);
    }

    [Fact]
    public void A_busy_exchange_answered_503_then_429_is_retried_until_it_succeeds()
    {
        Emulator.Faults.Enqueue(Fault.Status(503), WandbEmulator.TokenExchangeOperation);
        Emulator.Faults.Enqueue(Fault.Status(429, retryAfter: TimeSpan.FromSeconds(1)), WandbEmulator.TokenExchangeOperation);
        var r = Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl");
        Assert.Empty(r.AllErrors);
        Assert.Equal(3, Emulator.Requests.ForOperation(WandbEmulator.TokenExchangeOperation).Count);
        AssertNoToken(r);
    }

    [Fact]
    public void Short_lived_access_tokens_are_renewed_from_the_re_read_file_as_the_session_goes_on()
    {
        // 4 minutes of life is within the 5-minute margin: every request renews, with whatever the file holds then.
        Emulator.Options.AccessTokenLifetime = TimeSpan.FromMinutes(4);
        Assert.Empty(Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl").AllErrors);
        var first = _jwt;
        WriteToken("alice@example.com");
        var r = Ps.Run("Get-WandbApiKey; Get-WandbApiKey");
        Assert.Empty(r.AllErrors);
        var requests = Emulator.Requests.All.Where(q => q.Path == "/graphql").ToList();
        Assert.All(requests, q => Assert.Equal((200, "alice"), (q.StatusCode, q.Subject)));
        Assert.Equal(1 + requests.Count, Exchanges);
        AssertNoToken(r, first);
    }

    [Fact]
    public void A_keyless_connection_cannot_be_saved_to_a_vault()
    {
        var bound = Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl -SaveToVault");
        Assert.Contains("Parameter set cannot be resolved", bound.SingleError().Exception.Message);

        Env.Set("WANDB_IDENTITY_TOKEN_FILE", TokenPath);
        var r = Ps.Run("Connect-Wandb -BaseUrl $BaseUrl -SaveToVault -Confirm:$false");
        Assert.StartsWith("WandbVaultError", r.SingleError().FullyQualifiedErrorId);
        Assert.Contains("keyless", r.SingleError().Exception.Message);
        Assert.Empty(StandInVaults.SecretNames(LocalVault));
        AssertNoToken(r);
    }

    [Fact]
    public void A_federated_service_account_gets_its_own_error_from_New_WandbApiKey()
    {
        WriteToken(BotSubject);
        Assert.Empty(Ps.Run("Connect-Wandb -IdentityTokenFile $TokenPath -BaseUrl $BaseUrl").AllErrors);
        var r = Ps.Run("New-WandbApiKey -Name ci -SecretName wandb-ci");
        var error = r.SingleError();
        Assert.StartsWith("WandbKeylessCannotOwnKeys", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("cannot own API keys", error.Exception.Message);
        Assert.Empty(Emulator.Requests.ForOperation("GenerateApiKey"));
        Assert.Empty(StandInVaults.SecretNames(LocalVault));
        AssertNoToken(r);
    }

    [Fact]
    public void Rotating_a_secret_that_holds_an_identity_token_says_there_is_no_key_and_changes_nothing()
    {
        StandInVaults.Seed(LocalVault, "wandb-jwt", Secure(_jwt), null);
        Emulator.Requests.Clear();
        var r = Ps.Run("Invoke-WandbKeyRotation -SecretName wandb-jwt -BaseUrl $BaseUrl -Confirm:$false");
        var error = r.SingleError();
        Assert.StartsWith("WandbKeylessCannotOwnKeys", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("not a W&B API key", error.Exception.Message);
        Assert.Equal("Failed", r.Single().Properties["Status"].Value.ToString());
        Assert.Empty(Emulator.Requests.All);   // refused before the token is sent anywhere as a key
        AssertNoToken(r);
    }

    private string SetUpPipeline()
    {
        var ado = Emulator.AzureDevOps;
        var id = ado.AddServiceConnection("wandb-prod");
        Emulator.JwtIssuer = ado.Issuer;
        Emulator.Options.SkipAudienceValidation = true;
        Emulator.State.AddFederatedServiceAccount("ml", "pipelines", "sc://contoso/ml-platform/wandb-prod");
        Env.Set("TF_BUILD", "True");
        Env.Set("SYSTEM_OIDCREQUESTURI", ado.RequestUri.ToString());
        Env.Set("SYSTEM_ACCESSTOKEN", ado.AccessToken);
        Ps.SetVariable("ServiceConnection", id);
        return id;
    }

    [Fact]
    public void AzureDevOpsServiceConnection_signs_in_a_pipeline_keyless_without_prompting_or_printing_a_token()
    {
        var id = SetUpPipeline();
        var r = Ps.Run("Connect-Wandb -AzureDevOpsServiceConnection $ServiceConnection -BaseUrl $BaseUrl -Verify");
        Assert.Empty(r.AllErrors);
        var c = r.Single();
        Assert.Equal("AzureDevOps", c.Properties["Source"].Value.ToString());
        Assert.Equal("sc://contoso/ml-platform/wandb-prod", c.Properties["Subject"].Value);
        Assert.Equal("pipelines", c.Properties["User"].Value);
        Assert.Equal(new AzureDevOpsOidcRequest(id, "7.1", true, true), Assert.Single(Emulator.AzureDevOps.Requests));
        Assert.Empty(Ps.Console.Prompts);
        AssertNoToken(r, Emulator.AzureDevOps.AccessToken, Emulator.AzureDevOps.AccessToken.Split('.')[2]);

        var create = Ps.Run("New-WandbApiKey -Name ci");
        Assert.StartsWith("WandbKeylessCannotOwnKeys", create.SingleError().FullyQualifiedErrorId);
        Assert.Empty(Emulator.Requests.ForOperation("GenerateApiKey"));
        AssertNoToken(create, Emulator.AzureDevOps.AccessToken);
    }

    [Fact]
    public void AzureDevOpsServiceConnection_outside_a_pipeline_is_a_clear_error()
    {
        var r = Ps.Run("Connect-Wandb -AzureDevOpsServiceConnection wandb-prod -BaseUrl $BaseUrl");
        var error = r.SingleError();
        Assert.StartsWith("WandbAzurePipelinesUnavailable", error.FullyQualifiedErrorId);
        Assert.Contains("not an Azure Pipelines job", error.Exception.Message);
        Assert.Empty(Emulator.Requests.All);
    }
}
