using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;
using WandbAuth.Api;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests.Transport;

public class GraphQLClientTests
{
    private static readonly string Key = TestKeys.Current(201);
    private const string Ok = "{\"data\":{\"ok\":true}}";

    private static GraphQLOperation Query => GraphQLOperation.Load("DiscoverFields");
    private static GraphQLOperation Mutation => GraphQLOperation.Load("GenerateApiKey");

    private static Task<JObject> Send(GraphQLClient client, GraphQLOperation op, CancellationToken ct = default) =>
        client.SendAsync(op, new JObject { ["description"] = "test" }, ct);

    private static async Task<WandbApiException> Fails(GraphQLClient client, GraphQLOperation op, CancellationToken ct = default)
    {
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Send(client, op, ct));
        AssertNoSecretIn(e);
        return e;
    }

    /// <summary>Neither the key nor its Basic credential in the message of the exception or of anything it wraps.</summary>
    private static void AssertNoSecretIn(Exception e)
    {
        for (Exception? x = e; x != null; x = x.InnerException)
        {
            TestKeys.AssertNoKeyIn(x.Message, Key);
            Assert.DoesNotContain(ApiFixture.BasicCredential(Key), x.Message);
        }
        Assert.DoesNotContain(Key, e.ToString());
    }

    private static HttpRequestException ConnectionRefused() =>
        new("Connection refused (wandb.example.com:443)", new SocketException((int)SocketError.ConnectionRefused));

    private static HttpRequestException ConnectionDropped() =>
        new("An error occurred while sending the request.",
            new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset)));

    [Fact]
    public async Task Authorization_is_basic_with_user_api_and_the_key_as_password()
    {
        var handler = new ScriptedHandler().Json(Ok);
        await Send(ApiFixture.Client(handler, Key), Query);
        var auth = Assert.Single(handler.Requests).Authorization;
        Assert.NotNull(auth);
        Assert.Equal("Basic", auth!.Scheme);
        Assert.Equal("api:" + Key, Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter!)));
    }

    [Fact]
    public async Task User_agent_is_one_W_and_B_recognises_then_names_WandbAuth_and_its_version()
    {
        var handler = new ScriptedHandler().Json(Ok);
        await Send(ApiFixture.Client(handler, Key), Query);
        var version = typeof(GraphQLClient).Assembly.GetName().Version!.ToString(3);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("W&B Public Client WandbAuth/" + version, request.UserAgent);
        Assert.Equal("true", request.Header("Use-Admin-Privileges"));
    }

    [Fact]
    public async Task Operation_is_posted_as_json_to_the_graphql_endpoint()
    {
        var handler = new ScriptedHandler().Json(Ok);
        var data = await Send(ApiFixture.Client(handler, Key), Query);
        Assert.True((bool?)data["ok"]);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://wandb.example.com/graphql"), request.Uri);
        Assert.Equal("DiscoverFields", request.OperationName);
        Assert.Contains("__type(name: \"ApiKey\")", request.Query);
        Assert.Equal("test", (string?)request.Json["variables"]?["description"]);
    }

    [Fact]
    public async Task Query_answered_503_then_200_is_retried_and_succeeds()
    {
        var handler = new ScriptedHandler().Json(HttpStatusCode.ServiceUnavailable, "{}").Json(Ok);
        var data = await Send(ApiFixture.Client(handler, Key), Query);
        Assert.True((bool?)data["ok"]);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Query_that_keeps_failing_with_503_stops_at_the_attempt_cap_as_a_server_error()
    {
        var handler = new ScriptedHandler();
        for (int i = 0; i < 3; i++) handler.Json(HttpStatusCode.ServiceUnavailable, "{}");
        var e = await Fails(ApiFixture.Client(handler, Key, ApiFixture.FastRetry(maxAttempts: 3)), Query);
        Assert.Equal(ApiErrorKind.ServerError, e.Kind);
        Assert.Equal(503, e.StatusCode);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Contains("3 attempts", e.Message);
    }

    [Fact]
    public async Task Retry_After_from_a_429_is_honoured_instead_of_the_backoff()
    {
        // The backoff would wait an hour; the server says 0 s. Finishing at all shows whose delay was used.
        var slowBackoff = new RetryPolicy(1) { MaxAttempts = 3, BaseDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1) };
        var handler = new ScriptedHandler()
            .Json((HttpStatusCode)429, "{}", r => r.Headers.TryAddWithoutValidation("Retry-After", "0"))
            .Json(Ok);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var data = await Send(ApiFixture.Client(handler, Key, slowBackoff), Mutation, cts.Token);
        Assert.True((bool?)data["ok"]);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Retry_After_longer_than_the_maximum_server_delay_is_reported_not_waited_for()
    {
        var handler = new ScriptedHandler()
            .Json((HttpStatusCode)429, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2)));
        var clock = Stopwatch.StartNew();
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the client waited for the server's long Retry-After");
        Assert.Equal(ApiErrorKind.RateLimited, e.Kind);
        Assert.Equal(429, e.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RateLimit_Reset_is_a_hint_when_nothing_remains()
    {
        var handler = new ScriptedHandler()
            .Json((HttpStatusCode)429, "{}", r =>
            {
                r.Headers.TryAddWithoutValidation("RateLimit-Remaining", "0");
                r.Headers.TryAddWithoutValidation("RateLimit-Reset", "3600");
            });
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(ApiErrorKind.RateLimited, e.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RateLimit_Reset_is_no_reason_to_give_up_while_requests_remain()
    {
        // The rate-limit window's reset says nothing about when a failed server recovers.
        var handler = new ScriptedHandler()
            .Json(HttpStatusCode.BadGateway, "{}", r =>
            {
                r.Headers.TryAddWithoutValidation("RateLimit-Remaining", "250");
                r.Headers.TryAddWithoutValidation("RateLimit-Reset", "3600");
            })
            .Json(Ok);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var data = await Send(ApiFixture.Client(handler, Key), Query, cts.Token);
        Assert.True((bool?)data["ok"]);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Mutation_whose_connection_drops_is_not_retried_and_its_outcome_is_unknown()
    {
        var handler = new ScriptedHandler().Throw(ConnectionDropped());
        var e = await Fails(ApiFixture.Client(handler, Key), Mutation);
        Assert.Equal(ApiErrorKind.OutcomeUnknown, e.Kind);
        Assert.Single(handler.Requests);
        Assert.Contains("the request to create an API key", e.Message);
        Assert.DoesNotContain("GenerateApiKey", e.Message);   // what the user asked for, never an operation's name
        Assert.Contains("wandb.example.com", e.Message);
    }

    [Fact]
    public async Task Mutation_answered_502_is_not_retried_and_its_outcome_is_unknown()
    {
        var handler = new ScriptedHandler().Json(HttpStatusCode.BadGateway, "{}");
        var e = await Fails(ApiFixture.Client(handler, Key), Mutation);
        Assert.Equal(ApiErrorKind.OutcomeUnknown, e.Kind);
        Assert.Equal(502, e.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Mutation_whose_connection_was_refused_is_retried_because_nothing_reached_the_server()
    {
        var handler = new ScriptedHandler().Throw(ConnectionRefused()).Json(Ok);
        var data = await Send(ApiFixture.Client(handler, Key), Mutation);
        Assert.True((bool?)data["ok"]);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Query_that_cannot_connect_at_all_reports_a_network_error_after_every_attempt()
    {
        var handler = new ScriptedHandler().Throw(ConnectionRefused()).Throw(ConnectionRefused());
        var e = await Fails(ApiFixture.Client(handler, Key, ApiFixture.FastRetry(maxAttempts: 2)), Query);
        Assert.Equal(ApiErrorKind.Network, e.Kind);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("wandb.example.com", e.Message);
    }

    [Fact]
    public async Task Http_401_means_the_key_was_rejected_and_is_not_retried()
    {
        var handler = new ScriptedHandler().Json(HttpStatusCode.Unauthorized, "{\"errors\":[{\"message\":\"unauthorized\"}]}");
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(ApiErrorKind.KeyRejected, e.Kind);
        Assert.Equal(401, e.StatusCode);
        Assert.Contains("the API key was rejected (revoked, mistyped, or for another server)", e.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Html_page_with_200_is_an_invalid_response_naming_host_and_status()
    {
        var handler = new ScriptedHandler().Text(HttpStatusCode.OK, "<html><body>Sign in</body></html>", "text/html");
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
        Assert.Contains("wandb.example.com", e.Message);
        Assert.Contains("200", e.Message);
        Assert.Contains("text/html", e.Message);
    }

    [Fact]
    public async Task Json_that_does_not_parse_is_an_invalid_response()
    {
        var handler = new ScriptedHandler().Json("{\"data\": ");
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
    }

    [Fact]
    public async Task Json_without_data_or_errors_is_an_invalid_response()
    {
        var handler = new ScriptedHandler().Json("{\"hello\":\"world\"}");
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
    }

    /// <summary>2xx answers to a mutation that cannot be read: the server accepted it, so it may have made a key.</summary>
    public static TheoryData<string, string> UnreadableAnswers => new()
    {
        { "<html><body>Sign in</body></html>", "text/html" },
        { "{\"data\": ", "application/json" },
        { "{\"hello\":\"world\"}", "application/json" },
    };

    [Theory]
    [MemberData(nameof(UnreadableAnswers))]
    public async Task Mutation_accepted_with_an_unreadable_answer_is_not_retried_and_its_outcome_is_unknown(string body, string type)
    {
        var handler = new ScriptedHandler().Text(HttpStatusCode.OK, body, type);
        var e = await Fails(ApiFixture.Client(handler, Key), Mutation);
        Assert.Equal(ApiErrorKind.OutcomeUnknown, e.Kind);
        Assert.Single(handler.Requests);
        Assert.Contains("may or may not have carried it out", e.Message);
    }

    [Fact]
    public async Task Redirect_is_refused_and_the_key_is_sent_only_once()
    {
        var handler = new ScriptedHandler().Json(HttpStatusCode.Found, "{}",
            r => r.Headers.Location = new Uri("https://attacker.example.net/graphql"));
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(ApiErrorKind.RedirectRefused, e.Kind);
        Assert.Equal(302, e.StatusCode);
        var only = Assert.Single(handler.Requests);
        Assert.Equal("wandb.example.com", only.Uri!.Host);
        Assert.Contains("attacker.example.net", e.Message);
    }

    [Theory]
    [InlineData("permission denied", ApiErrorKind.PermissionDenied)]
    [InlineData("You are not authorized to delete this key", ApiErrorKind.PermissionDenied)]
    [InlineData("api key not found", ApiErrorKind.NotFound)]
    [InlineData("entity nobody does not exist", ApiErrorKind.NotFound)]
    [InlineData("invalid api key", ApiErrorKind.KeyRejected)]
    [InlineData("Cannot query field \"createdAt\" on type \"ApiKey\".", ApiErrorKind.GraphQLError)]
    public async Task GraphQL_errors_with_http_200_are_classified(string message, ApiErrorKind kind)
    {
        var body = new JObject { ["errors"] = new JArray(new JObject { ["message"] = message, ["path"] = new JArray("x") }), ["data"] = null };
        var handler = new ScriptedHandler().Json(body.ToString());
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(kind, e.Kind);
        Assert.Contains(message, e.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Server_error_text_that_echoes_the_key_is_redacted()
    {
        var body = new JObject { ["errors"] = new JArray(new JObject { ["message"] = "invalid api key " + Key }) };
        var handler = new ScriptedHandler().Json(body.ToString());
        var e = await Fails(ApiFixture.Client(handler, Key), Query);
        Assert.Equal(ApiErrorKind.KeyRejected, e.Kind);
    }

    [Fact]
    public async Task Query_whose_server_never_answers_times_out_with_the_timeout_kind()
    {
        var handler = new ScriptedHandler().Hang().Hang();
        var clock = Stopwatch.StartNew();
        var e = await Fails(ApiFixture.Client(handler, Key, ApiFixture.FastRetry(maxAttempts: 2), TimeSpan.FromMilliseconds(100)), Query);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.Equal(ApiErrorKind.Timeout, e.Kind);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Mutation_whose_server_never_answers_is_not_retried_and_its_outcome_is_unknown()
    {
        var handler = new ScriptedHandler().Hang();
        var e = await Fails(ApiFixture.Client(handler, Key, ApiFixture.FastRetry(), TimeSpan.FromMilliseconds(100)), Mutation);
        Assert.Equal(ApiErrorKind.OutcomeUnknown, e.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        var handler = new ScriptedHandler().Hang();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(ApiFixture.Client(handler, Key), Query, cts.Token));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void Only_failures_that_cannot_have_reached_a_server_count_as_connect_failures()
    {
        Assert.True(GraphQLClient.IsConnectFailure(ConnectionRefused()));
        Assert.True(GraphQLClient.IsConnectFailure(new HttpRequestException("no such host", new SocketException((int)SocketError.HostNotFound))));
        Assert.False(GraphQLClient.IsConnectFailure(ConnectionDropped()));
        Assert.False(GraphQLClient.IsConnectFailure(new HttpRequestException("The response ended prematurely.")));
    }
}
