using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

/// <summary>/oidc/token and Bearer access tokens, checked as W&amp;B's docs on identity federation describe.</summary>
public class IdentityFederationTests
{
    private const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static async Task<(HttpStatusCode Status, JsonElement Json)> ExchangeAsync(Seeded org, string? assertion, string grantType = JwtBearer)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType };
        if (assertion is not null) form["assertion"] = assertion;
        using var response = await org.Client.Http.PostAsync("/oidc/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static async Task<string> AccessTokenAsync(Seeded org, string assertion)
    {
        var (status, json) = await ExchangeAsync(org, assertion);
        Assert.Equal(HttpStatusCode.OK, status);
        return json.GetProperty("access_token").GetString()!;
    }

    private static Task<ApiResponse> ViewerAsync(Seeded org, string accessToken) =>
        org.Client.SendAsync(Documents.GetViewer, key: null, authorization: new AuthenticationHeaderValue("Bearer", accessToken));

    [Fact]
    public async Task A_users_token_is_exchanged_for_a_bearer_access_token_that_signs_in_as_that_user()
    {
        await using var org = await Seeded.StartAsync();
        var (status, json) = await ExchangeAsync(org, org.Emulator.IdentityToken("alice@example.com"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(3600, json.GetProperty("expires_in").GetInt64());
        var viewer = await ViewerAsync(org, json.GetProperty("access_token").GetString()!);
        Assert.Equal("alice", viewer.Data.GetProperty("viewer").GetProperty("username").GetString());

        var logged = Assert.Single(org.Emulator.Requests.ForOperation(WandbEmulator.TokenExchangeOperation));
        Assert.Equal(("/oidc/token", 200, "alice@example.com"), (logged.Path, logged.StatusCode, logged.Subject));
        Assert.Equal("alice", org.Emulator.Requests.ForOperation("GetViewer").Single().Subject);
    }

    [Fact]
    public async Task An_access_token_stops_working_when_it_expires_on_the_emulator_clock()
    {
        var clock = new ManualClock();
        await using var org = await Seeded.StartAsync(new EmulatorOptions { Clock = clock, AccessTokenLifetime = TimeSpan.FromMinutes(15) });
        var token = await AccessTokenAsync(org, org.Emulator.IdentityToken("bob@example.com"));

        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await ViewerAsync(org, token)).Status);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ViewerAsync(org, token)).Status);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "expired", "the token has expired" },
        { "other issuer", "signature does not verify" },
        { "forged iss", "is not the organization's JWT issuer" },
        { "wrong audience", "aud is not the organization's name" },
        { "unknown subject", "sub is neither a user's email" },
        { "no sub", "sub is missing" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_token_W_and_B_would_refuse_gets_invalid_grant(string flaw, string description)
    {
        var clock = new ManualClock();
        await using var org = await Seeded.StartAsync(new EmulatorOptions { Clock = clock });
        using var other = new TestJwtIssuer("https://other.example.test");
        var issuer = org.Emulator.JwtIssuer;
        var later = clock.Now.AddMinutes(10);
        var jwt = flaw switch
        {
            "expired" => issuer.Issue("alice@example.com", "emulator-org", clock.Now.AddSeconds(-1)),
            "other issuer" => other.Issue("alice@example.com", "emulator-org", later),
            "forged iss" => issuer.Issue("alice@example.com", "emulator-org", later, issuer: "https://other.example.test"),
            "wrong audience" => issuer.Issue("alice@example.com", "another-org", later),
            "unknown subject" => issuer.Issue("mallory@example.com", "emulator-org", later),
            _ => issuer.Issue(null, "emulator-org", later),
        };

        var (status, json) = await ExchangeAsync(org, jwt);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
        Assert.Contains(description, json.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Requests_that_are_not_a_jwt_bearer_grant_are_refused_as_OAuth_says()
    {
        await using var org = await Seeded.StartAsync();
        Assert.Equal("unsupported_grant_type", (await ExchangeAsync(org, "a.b.c", "client_credentials")).Json.GetProperty("error").GetString());
        Assert.Equal("invalid_request", (await ExchangeAsync(org, null)).Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Dedicated_and_self_managed_audience_rules_are_switches()
    {
        await using var org = await Seeded.StartAsync();
        var wandbAudience = org.Emulator.JwtIssuer.Issue("alice@example.com", "wandb", DateTimeOffset.UtcNow.AddMinutes(5));
        var anyAudience = org.Emulator.JwtIssuer.Issue("alice@example.com", "api://AzureADTokenExchange", DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(HttpStatusCode.BadRequest, (await ExchangeAsync(org, wandbAudience)).Status);

        org.Emulator.Options.AcceptWandbAudience = true;
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(org, wandbAudience)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ExchangeAsync(org, anyAudience)).Status);

        org.Emulator.Options.SkipAudienceValidation = true;
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(org, anyAudience)).Status);
    }

    [Fact]
    public async Task A_federated_service_account_signs_in_by_its_subject_and_cannot_own_api_keys()
    {
        await using var org = await Seeded.StartAsync();
        org.State.AddFederatedServiceAccount("ml", "ci bot", "repo:contoso/models:ref:refs/heads/main");
        var token = await AccessTokenAsync(org, org.Emulator.IdentityToken("repo:contoso/models:ref:refs/heads/main"));
        var bearer = new AuthenticationHeaderValue("Bearer", token);

        var viewer = await org.Client.SendAsync(Documents.GetViewer, key: null, authorization: bearer);
        Assert.Equal("ci-bot", viewer.Data.GetProperty("viewer").GetProperty("username").GetString());

        var create = await org.Client.SendAsync(Documents.GenerateApiKey, key: null, new { description = "x" }, bearer);
        Assert.Contains("cannot own API keys", Assert.Single(create.ErrorMessages));
        Assert.Empty(org.State.Keys("ci-bot"));
    }

    [Fact]
    public async Task The_exchange_takes_faults_like_graphql_does()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Status(429, retryAfter: TimeSpan.FromSeconds(1)), WandbEmulator.TokenExchangeOperation);
        org.Emulator.Faults.Enqueue(Fault.Status(503), WandbEmulator.TokenExchangeOperation);
        var jwt = org.Emulator.IdentityToken("alice@example.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await org.Client.Http.PostAsync("/oidc/token", Form(jwt))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await org.Client.Http.PostAsync("/oidc/token", Form(jwt))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(org, jwt)).Status);
        Assert.Equal(0, org.Emulator.Faults.Pending);
    }

    private static FormUrlEncodedContent Form(string jwt) => new(new Dictionary<string, string> { ["grant_type"] = JwtBearer, ["assertion"] = jwt });

    [Fact]
    public async Task Azure_DevOps_stand_in_issues_a_service_connection_token_only_for_the_jobs_access_token()
    {
        await using var org = await Seeded.StartAsync();
        var ado = org.Emulator.AzureDevOps;
        var id = ado.AddServiceConnection("wandb-prod");

        async Task<HttpResponseMessage> Ask(string? bearer, string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ado.RequestUri + query);
            if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return await org.Client.Http.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Ask(null, $"?api-version=7.1&serviceConnectionId={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Ask(ado.AccessToken, $"?api-version=7.1&serviceConnectionId={Guid.NewGuid()}")).StatusCode);

        var answer = await Ask(ado.AccessToken, $"?api-version=7.1&serviceConnectionId={id}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var jwt = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("oidcToken").GetString()!;
        var claims = JsonDocument.Parse(Convert.FromBase64String(Pad(jwt.Split('.')[1]))).RootElement;
        Assert.Equal("sc://contoso/ml-platform/wandb-prod", claims.GetProperty("sub").GetString());
        Assert.Equal("api://AzureADTokenExchange", claims.GetProperty("aud").GetString());
        Assert.StartsWith("https://vstoken.dev.azure.com/", claims.GetProperty("iss").GetString());

        // W&B trusts the Azure DevOps issuer once an admin sets it up; its fixed audience needs SKIP_AUDIENCE_VALIDATION.
        org.Emulator.JwtIssuer = ado.Issuer;
        org.Emulator.Options.SkipAudienceValidation = true;
        org.State.AddFederatedServiceAccount("ml", "pipelines", "sc://contoso/ml-platform/wandb-prod");
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(org, jwt)).Status);
    }

    [Fact]
    public async Task Azure_DevOps_stand_in_issues_an_Entra_issuer_connection_a_token_that_names_it_by_id()
    {
        await using var org = await Seeded.StartAsync();
        var ado = org.Emulator.AzureDevOps;
        var id = ado.AddServiceConnection("wandb-prod", entraIssuer: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, ado.RequestUri + $"?api-version=7.1&serviceConnectionId={id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ado.AccessToken);

        var answer = await org.Client.Http.SendAsync(request);
        var jwt = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("oidcToken").GetString()!;
        var claims = JsonDocument.Parse(Convert.FromBase64String(Pad(jwt.Split('.')[1]))).RootElement;
        Assert.Equal($"https://login.microsoftonline.com/{ado.TenantId}/v2.0", claims.GetProperty("iss").GetString());
        Assert.Equal(ado.EntraSubject(id), claims.GetProperty("sub").GetString());
        Assert.StartsWith("/eid1/c/pub/t/", claims.GetProperty("sub").GetString());
        Assert.EndsWith($"/sc/{ado.OrganizationId}/{id}", claims.GetProperty("sub").GetString());

        org.Emulator.JwtIssuer = ado.EntraIssuer; // W&B set up with the tenant's Entra issuer
        org.Emulator.Options.SkipAudienceValidation = true;
        org.State.AddFederatedServiceAccount("ml", "pipelines", ado.EntraSubject(id));
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(org, jwt)).Status);
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}
