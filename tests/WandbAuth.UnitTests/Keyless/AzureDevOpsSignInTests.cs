using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Emulator;
using WandbAuth.Session;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests.Keyless;

/// <summary>
/// Keyless sign-in from an Azure Pipelines job: System.OidcRequestUri and System.AccessToken from the environment, the
/// service connection's OIDC token from the stand-in, exchanged at /oidc/token.
/// </summary>
public class AzureDevOpsSignInTests
{
    /// <param name="entraIssuer">The connection on the Microsoft Entra issuer (new connections' default) instead of the Azure DevOps one.</param>
    private static async Task<(KeylessBed Bed, string ConnectionId)> PipelineAsync(bool entraIssuer = false)
    {
        var bed = await KeylessBed.StartAsync();
        var ado = bed.Server.AzureDevOps;
        var id = ado.AddServiceConnection("wandb-prod", entraIssuer);
        // W&B set up with the connection's issuer; its fixed aud (api://AzureADTokenExchange) needs SKIP_AUDIENCE_VALIDATION.
        bed.Server.JwtIssuer = entraIssuer ? ado.EntraIssuer : ado.Issuer;
        bed.Server.Options.SkipAudienceValidation = true;
        bed.Server.State.AddFederatedServiceAccount("ml", "pipelines", entraIssuer ? ado.EntraSubject(id) : "sc://contoso/ml-platform/wandb-prod");
        bed.Env.Variables["TF_BUILD"] = "True";
        bed.Env.Variables["SYSTEM_OIDCREQUESTURI"] = ado.RequestUri.ToString();
        bed.Env.Variables["SYSTEM_ACCESSTOKEN"] = ado.AccessToken;
        return (bed, id);
    }

    private static AzurePipelinesException NotResolved(FakeCredentialEnvironment env, string given = "wandb-prod") =>
        Assert.Throws<AzurePipelinesException>(() => AzurePipelines.Resolve(given, env));

    [Fact]
    public async Task A_service_connection_id_signs_in_as_its_federated_service_account()
    {
        var (bed, id) = await PipelineAsync();
        await using var _ = bed;
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = id });
        await Connector.SignInAsync(connection, default);
        await Connector.VerifyAsync(connection, default);

        Assert.Equal((KeySource.AzureDevOps, $"service connection {id}"), (connection.Source, connection.SourceDetail));
        Assert.Equal("sc://contoso/ml-platform/wandb-prod", connection.Subject);
        Assert.Equal("pipelines", connection.User);
        var asked = Assert.Single(bed.Server.AzureDevOps.Requests);
        Assert.Equal(new AzureDevOpsOidcRequest(id, "7.1", RedirectSuppressed: true, Authorized: true), asked);
    }

    [Fact]
    public async Task Renewal_asks_Azure_DevOps_for_a_fresh_OIDC_token()
    {
        var (bed, id) = await PipelineAsync();
        await using var _ = bed;
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = id });
        await Connector.SignInAsync(connection, default);
        bed.Clock.Advance(TimeSpan.FromMinutes(56));
        await connection.Context.GetViewerAsync(default);
        Assert.Equal(2, bed.Server.AzureDevOps.Requests.Count);
        Assert.Equal(2, bed.Exchanges);
    }

    [Fact]
    public async Task A_name_uses_the_id_the_AzureCLI_task_exposes_and_is_checked_against_the_token_subject()
    {
        var (bed, id) = await PipelineAsync();
        await using var _ = bed;
        bed.Env.Variables["AZURESUBSCRIPTION_SERVICE_CONNECTION_ID"] = id;
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = "wandb-prod" });
        await Connector.SignInAsync(connection, default);
        Assert.Equal("sc://contoso/ml-platform/wandb-prod", connection.Subject);

        var other = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = "wandb-staging" });
        var e = await Assert.ThrowsAsync<AzurePipelinesException>(() => Connector.SignInAsync(other, default));
        Assert.Contains("names the service connection 'wandb-prod'", e.Message);
        Assert.Equal(1, bed.Exchanges); // the wrong connection's token was never sent to W&B
    }

    [Fact]
    public async Task A_connection_on_the_Microsoft_Entra_issuer_signs_in_by_its_id()
    {
        var (bed, id) = await PipelineAsync(entraIssuer: true);
        await using var _ = bed;
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = id });
        await Connector.SignInAsync(connection, default);
        await Connector.VerifyAsync(connection, default);
        Assert.Equal(bed.Server.AzureDevOps.EntraSubject(id), connection.Subject);
        Assert.EndsWith("/" + id, connection.Subject);
        Assert.Equal("pipelines", connection.User);
    }

    [Theory]
    [InlineData("wandb-staging")] // another connection's name, in a task bound to wandb-prod
    [InlineData("wandb-prod")]    // the task's own name: still nothing in the token to confirm it
    public async Task A_name_cannot_be_checked_against_an_Entra_subject_so_it_is_refused_with_the_id_to_give(string name)
    {
        var (bed, id) = await PipelineAsync(entraIssuer: true);
        await using var _ = bed;
        bed.Env.Variables["AZURESUBSCRIPTION_SERVICE_CONNECTION_ID"] = id;
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = name });
        var e = await Assert.ThrowsAsync<AzurePipelinesException>(() => Connector.SignInAsync(connection, default));
        Assert.Contains($"cannot tell whether it is '{name}'", e.Message);
        Assert.Contains($"-AzureDevOpsServiceConnection {id}", e.Message);
        Assert.Contains("login.microsoftonline.com", e.Message);
        Assert.Single(bed.Server.AzureDevOps.Requests);
        Assert.Empty(bed.Server.Requests.ForOperation(WandbEmulator.TokenExchangeOperation)); // the token never reached W&B
        Assert.Null(connection.Subject);
    }

    [Fact]
    public void A_name_without_the_tasks_variable_is_refused_saying_where_the_id_is()
    {
        var env = new FakeCredentialEnvironment();
        env.Variables["SYSTEM_OIDCREQUESTURI"] = "https://dev.azure.com/contoso/p/_apis/distributedtask/hubs/build/plans/x/jobs/y/oidctoken";
        env.Variables["SYSTEM_ACCESSTOKEN"] = "token";
        var e = NotResolved(env);
        Assert.Contains("resourceId=", e.Message);
        Assert.Contains("AzureCLI@2", e.Message);
    }

    [Fact]
    public void Outside_a_pipeline_the_error_says_so_and_names_the_alternatives()
    {
        var e = NotResolved(new FakeCredentialEnvironment(), Guid.NewGuid().ToString());
        Assert.Contains("not an Azure Pipelines job", e.Message);
        Assert.Contains("-IdentityTokenFile", e.Message);
    }

    [Fact]
    public void A_pipeline_without_the_OIDC_request_uri_or_the_mapped_access_token_is_told_what_is_missing()
    {
        var env = new FakeCredentialEnvironment();
        env.Variables["TF_BUILD"] = "True";
        Assert.Contains("System.OidcRequestUri", NotResolved(env, Guid.NewGuid().ToString()).Message);
        env.Variables["SYSTEM_OIDCREQUESTURI"] = "https://dev.azure.com/contoso/p/oidctoken";
        Assert.Contains("SYSTEM_ACCESSTOKEN: $(System.AccessToken)", NotResolved(env, Guid.NewGuid().ToString()).Message);
    }

    private const string DistinctAccessToken = "SysAccessTok-7Qx9vR2mW4kP8zL";

    private static FakeCredentialEnvironment OidcAt(string uri)
    {
        var env = new FakeCredentialEnvironment();
        env.Variables["SYSTEM_OIDCREQUESTURI"] = uri;
        env.Variables["SYSTEM_ACCESSTOKEN"] = DistinctAccessToken;
        return env;
    }

    [Theory]
    [InlineData("http://dev.azure.com/contoso/oidctoken")]
    [InlineData("http://10.0.0.5:8080/oidctoken")]
    public void System_AccessToken_is_never_sent_over_plain_http_to_a_host_that_is_not_loopback(string uri)
    {
        var e = Assert.Throws<InsecureTransportException>(() => AzurePipelines.Resolve(Guid.NewGuid().ToString(), OidcAt(uri)));
        Assert.Contains("System.AccessToken", e.Message);
        Assert.DoesNotContain(DistinctAccessToken, e.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/oidctoken")]
    [InlineData("http://localhost:8080/oidctoken")]
    [InlineData("http://[::1]:8080/oidctoken")]
    public void Plain_http_to_loopback_is_allowed_as_it_is_for_W_and_B(string uri)
    {
        var id = Guid.NewGuid().ToString();
        var settings = AzurePipelines.Resolve(id, OidcAt(uri));
        Assert.Equal(new Uri(uri), settings.RequestUri);
        Assert.Equal(id, settings.ServiceConnectionId);
        Assert.Equal(DistinctAccessToken, SecretText.Reveal(settings.AccessToken));
    }

    [Fact]
    public async Task A_wrong_access_token_is_refused_without_showing_either_token()
    {
        var (bed, id) = await PipelineAsync();
        await using var _ = bed;
        var wrong = bed.Server.JwtIssuer.Issue("someone", "x", DateTimeOffset.UtcNow.AddHours(1));
        bed.Env.Variables["SYSTEM_ACCESSTOKEN"] = wrong;
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = id });
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Connector.SignInAsync(connection, default));
        Assert.Equal(ApiErrorKind.IdentityTokenUnavailable, e.Kind);
        Assert.Contains("HTTP 401", e.Message);
        Assert.Contains("SYSTEM_ACCESSTOKEN", e.Message);
        Assert.DoesNotContain(wrong, e.ToString());
        Assert.DoesNotContain(bed.Server.AzureDevOps.AccessToken, e.ToString());
        Assert.Equal(0, bed.Exchanges);
    }

    [Fact]
    public async Task An_unknown_service_connection_gets_Azure_DevOps_own_words()
    {
        var (bed, _) = await PipelineAsync();
        await using var __ = bed;
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = Guid.NewGuid().ToString() });
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Connector.SignInAsync(connection, default));
        Assert.Contains("does not exist or has not been authorized", e.Message);
        Assert.Contains("Pipeline permissions", e.Message);
    }

    [Fact]
    public async Task A_busy_Azure_DevOps_is_asked_again()
    {
        var (bed, id) = await PipelineAsync();
        await using var _ = bed;
        bed.Server.Faults.Enqueue(Fault.Status(503), WandbEmulator.AzureDevOpsOidcOperation, times: 2);
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = id });
        await Connector.SignInAsync(connection, default);
        Assert.Equal(3, bed.Server.AzureDevOps.Requests.Count);
    }

    [Fact]
    public async Task Azure_DevOps_asking_for_a_pause_past_the_minute_is_reported_not_waited_out()
    {
        var (bed, id) = await PipelineAsync();
        await using var _ = bed;
        bed.Server.Faults.Enqueue(Fault.Status(429, retryAfter: TimeSpan.FromSeconds(35)), WandbEmulator.AzureDevOpsOidcOperation, times: 3);
        var connection = bed.Open(new ConnectRequest { AzureDevOpsServiceConnection = id });
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Connector.SignInAsync(connection, default));
        Assert.Equal(ApiErrorKind.IdentityTokenUnavailable, e.Kind);
        Assert.Contains("HTTP 429", e.Message);
        Assert.Equal(2, bed.Server.AzureDevOps.Requests.Count); // 35 s waited once; 35 s more would pass the minute
        Assert.Equal(0, bed.Exchanges);
    }
}
