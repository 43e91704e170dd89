using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

/// <summary>The exchange of an identity token for a W&amp;B access token, as wandb-core makes it (core/internal/api/credentials.go).</summary>
public sealed class TokenExchangeTests : IDisposable
{
    private readonly ScriptedHandler _handler = new();
    private readonly TokenFixture _f;

    public TokenExchangeTests() { _f = new TokenFixture(_handler); }

    public void Dispose() => _f.Dispose();

    private Task<AccessTokenGrant> Exchange(CancellationToken ct = default) => _f.Exchange.ExchangeAsync(_f.File.Read(), _f.File.Origin, ct);

    private async Task<WandbApiException> Fails()
    {
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Exchange());
        for (Exception? x = e; x != null; x = x.InnerException)
        {
            Assert.DoesNotContain(_f.TokenText, x.Message);
            Assert.DoesNotContain(_f.TokenText.Split('.')[2], x.Message);
        }
        return e;
    }

    [Fact]
    public async Task Jwt_is_posted_as_a_form_to_oidc_token_without_any_Authorization()
    {
        _handler.Json(TokenFixture.Granted("opaque-token-1", 3600));
        var grant = await Exchange();
        Assert.Equal("opaque-token-1", SecretText.Reveal(grant.Token));
        Assert.Equal(TimeSpan.FromHours(1), grant.ExpiresIn);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://wandb.example.com/oidc/token"), request.Uri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + _f.TokenText, request.Body);
        Assert.Null(request.Authorization);
        Assert.StartsWith("W&B Public Client WandbAuth/", request.UserAgent);
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_it()
    {
        using var transport = new HttpTransport(new Uri("https://wandb.example.com/wandb"), _f.Options, _handler);
        Assert.Equal(new Uri("https://wandb.example.com/wandb/oidc/token"), new TokenExchange(transport).Endpoint);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("3600", 3600.0)]
    [InlineData("599.5", 599.5)]
    [InlineData("\"900\"", 900.0)]
    public async Task Expires_in_is_read_as_seconds_in_the_forms_the_SDKs_accept(string json, double seconds)
    {
        _handler.Json(TokenFixture.Granted("t", json));
        Assert.Equal(TimeSpan.FromSeconds(seconds), (await Exchange()).ExpiresIn);
    }

    [Theory]
    [InlineData("86401")]
    [InlineData("1e300")]
    [InlineData("99999999999999999999999")]
    [InlineData("\"1e400\"")]
    public async Task A_lifetime_past_a_day_is_read_as_a_day(string json)
    {
        _handler.Json(TokenFixture.Granted("t", json));
        Assert.Equal(TimeSpan.FromDays(1), (await Exchange()).ExpiresIn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("\"soon\"")]
    public async Task A_lifetime_W_and_B_does_not_state_is_unknown(string? json)
    {
        _handler.Json(TokenFixture.Granted("t", json));
        Assert.Null((await Exchange()).ExpiresIn);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task Any_4xx_but_429_is_final_and_says_what_W_and_B_checks_and_what_the_token_claims(int status)
    {
        _handler.Json((HttpStatusCode)status, "{\"error\":\"invalid_grant\",\"error_description\":\"audience mismatch\"}");
        var e = await Fails();
        Assert.Single(_handler.Requests);
        Assert.Equal(ApiErrorKind.IdentityTokenRejected, e.Kind);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains("invalid_grant: audience mismatch", e.Message);
        Assert.Contains("sub alice@example.com", e.Message);
        Assert.Contains(_f.TokenPath, e.Message);
        Assert.DoesNotContain("expired at", e.Message);
    }

    [Fact]
    public async Task A_refused_token_that_has_expired_is_said_to_have_expired()
    {
        _f.WriteToken(TestJwts.Make(exp: _f.Clock.Now.AddMinutes(-1)));
        _handler.Json(HttpStatusCode.BadRequest, "{\"error\":\"invalid_grant\"}");
        Assert.Contains("expired at", (await Fails()).Message);
    }

    [Fact]
    public async Task Server_text_that_echoes_the_assertion_is_scrubbed()
    {
        _handler.Text(HttpStatusCode.BadRequest, "bad assertion " + "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl", "text/plain");
        var e = await Fails();
        Assert.Contains("bad assertion eyJh…", e.Message);
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_tried_at_most_four_times()
    {
        for (int i = 0; i < 4; i++) _handler.Json(i % 2 == 0 ? HttpStatusCode.TooManyRequests : HttpStatusCode.ServiceUnavailable, "{}");
        var e = await Fails();
        Assert.Equal(4, _handler.Requests.Count);
        Assert.Equal(ApiErrorKind.ServerError, e.Kind);
        Assert.Contains("after 4 attempts", e.Message);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_token_file_read_once_per_exchange()
    {
        _handler.Throw(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))
                .Json(HttpStatusCode.BadGateway, "{}")
                .Json(TokenFixture.Granted("t2", 60));
        Assert.Equal("t2", SecretText.Reveal((await Exchange()).Token));
        Assert.Equal(3, _handler.Requests.Count);
        Assert.All(_handler.Requests, r => Assert.EndsWith(_f.TokenText, r.Body));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_per_attempt()
    {
        using var f = new TokenFixture(_handler, timeout: TimeSpan.FromMilliseconds(50));
        for (int i = 0; i < 4; i++) _handler.Hang();
        var e = await Assert.ThrowsAsync<WandbApiException>(() => f.Exchange.ExchangeAsync(f.File.Read(), f.File.Origin, default));
        Assert.Equal(ApiErrorKind.Timeout, e.Kind);
        Assert.Equal(4, _handler.Requests.Count);
        Assert.Contains("an attempt and 60 s in all after 4 attempts", e.Message);
    }

    [Fact]
    public async Task The_exchange_is_bounded_as_wandb_core_bounds_it_10_s_an_attempt_60_s_in_all_1_to_5_s_between_attempts()
    {
        var defaults = new ClientOptions();
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)), (defaults.TokenExchangeTimeout, defaults.TokenExchangeDeadline));
        _f.Options.TokenExchangeRetry = defaults.TokenExchangeRetry;
        for (int i = 0; i < 4; i++) _handler.Json(HttpStatusCode.ServiceUnavailable, "{}");

        var e = await Fails();
        Assert.Equal(4, _handler.Requests.Count);
        Assert.Equal(3, _f.Waits.Count);
        Assert.All(_f.Waits, w => Assert.InRange(w, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        Assert.Contains("after 4 attempts", e.Message);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_what_is_left_of_the_minute_ends_the_exchange_instead_of_being_waited_out()
    {
        for (int i = 0; i < 2; i++)
            _handler.Json(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(35)));
        var e = await Fails();
        Assert.Equal(ApiErrorKind.RateLimited, e.Kind);
        Assert.Equal(2, _handler.Requests.Count); // 35 s waited once; 35 s more would pass the minute
        Assert.Equal(new[] { TimeSpan.FromSeconds(35) }, _f.Waits);
    }

    [Fact]
    public async Task Time_spent_on_answers_counts_against_the_minute()
    {
        _handler.Json(HttpStatusCode.ServiceUnavailable, "{}", _ => _f.Clock.Advance(TimeSpan.FromSeconds(60)));
        var e = await Fails();
        Assert.Equal(ApiErrorKind.ServerError, e.Kind);
        Assert.Single(_handler.Requests);
        Assert.Empty(_f.Waits);
    }

    [Fact]
    public async Task Cancellation_stops_the_exchange_at_once()
    {
        _handler.Hang();
        using var cts = new CancellationTokenSource();
        var exchange = Exchange(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exchange);
    }

    [Fact]
    public async Task An_oversized_answer_is_not_read()
    {
        _handler.Json("{\"access_token\":\"" + new string('a', 100_000) + "\"}");
        Assert.Equal(ApiErrorKind.ReplyTooLarge, (await Fails()).Kind);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "text/html", "<html>login</html>")]
    [InlineData(HttpStatusCode.OK, "application/json", "{\"token_type\":\"Bearer\"}")]
    [InlineData(HttpStatusCode.Created, "application/json", "{\"access_token\":\"t\"}")]
    public async Task Only_a_200_JSON_answer_with_an_access_token_counts(HttpStatusCode status, string type, string body)
    {
        _handler.Text(status, body, type);
        Assert.Equal(ApiErrorKind.InvalidResponse, (await Fails()).Kind);
    }

    [Fact]
    public async Task No_exchange_endpoint_says_identity_federation_may_be_off()
    {
        _handler.Text(HttpStatusCode.NotFound, "not found", "text/plain");
        Assert.Contains("Enterprise", (await Fails()).Message);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_with_the_token()
    {
        _handler.Text(HttpStatusCode.Redirect, "", "text/plain", r => r.Headers.Location = new Uri("https://elsewhere.example.net/oidc/token"));
        var e = await Fails();
        Assert.Equal(ApiErrorKind.RedirectRefused, e.Kind);
        Assert.Single(_handler.Requests);
    }
}
