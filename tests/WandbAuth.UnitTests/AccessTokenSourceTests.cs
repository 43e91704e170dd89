using System.Net;
using WandbAuth.Api;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests;

/// <summary>Keyless sign-in's access token: renewed when 5 minutes or less remain, on a clock the tests move.</summary>
public sealed class AccessTokenSourceTests : IDisposable
{
    private readonly ScriptedHandler _handler = new();
    private readonly TokenFixture _f;

    public AccessTokenSourceTests() { _f = new TokenFixture(_handler); }

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task The_access_token_is_sent_as_Bearer_and_reused_while_more_than_five_minutes_remain()
    {
        _handler.Json(TokenFixture.Granted("first-access", 3600));
        using var source = _f.Source();
        var header = await source.HeaderAsync(default);
        Assert.Equal(("Bearer", "first-access"), (header.Scheme, header.Parameter));
        Assert.Equal(_f.Clock.Now.AddHours(1), source.ExpiresAt);
        Assert.Equal("alice@example.com", source.Subject);

        _f.Clock.Advance(TimeSpan.FromMinutes(54) + TimeSpan.FromSeconds(59));
        Assert.Equal("first-access", (await source.HeaderAsync(default)).Parameter);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task At_five_minutes_left_the_token_file_is_read_again_and_exchanged_for_a_new_token()
    {
        _handler.Json(TokenFixture.Granted("first-access", 3600)).Json(TokenFixture.Granted("second-access", 3600));
        using var source = _f.Source();
        await source.SignInAsync(default);
        var started = _f.Clock.Now;

        var reminted = TestJwts.Make(sub: "alice@example.com", exp: _f.Clock.Now.AddHours(2), seed: 9);
        _f.WriteToken(reminted);
        _f.Clock.Advance(TimeSpan.FromMinutes(55));
        Assert.Equal("second-access", (await source.HeaderAsync(default)).Parameter);

        Assert.Equal(2, _handler.Requests.Count);
        Assert.EndsWith(reminted, _handler.Requests[1].Body);
        Assert.Equal(started.AddMinutes(55).AddHours(1), source.ExpiresAt);
    }

    [Fact]
    public async Task A_lifetime_W_and_B_does_not_state_means_an_exchange_for_every_request()
    {
        _handler.Json(TokenFixture.Granted("a")).Json(TokenFixture.Granted("b"));
        using var source = _f.Source();
        Assert.Equal("a", (await source.HeaderAsync(default)).Parameter);
        Assert.Equal("b", (await source.HeaderAsync(default)).Parameter);
        Assert.Null(source.ExpiresAt);
    }

    [Fact]
    public async Task A_huge_expires_in_signs_in_with_a_token_renewed_within_a_day()
    {
        _handler.Json(TokenFixture.Granted("long-lived", "300000000000")); // 9,500 years: past year 9999 from now
        using var source = _f.Source();
        await source.SignInAsync(default);
        Assert.Equal(_f.Clock.Now.AddDays(1), source.ExpiresAt);
    }

    [Fact]
    public async Task Requests_waiting_together_share_one_exchange()
    {
        var release = new TaskCompletionSource();
        var handler = new GatedHandler(release.Task);
        using var f = new TokenFixture(handler);
        handler.Inner.Json(TokenFixture.Granted("shared", 3600));
        using var source = f.Source();
        var waiting = Enumerable.Range(0, 8).Select(_ => source.HeaderAsync(default)).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        release.SetResult();
        var headers = await Task.WhenAll(waiting);
        Assert.All(headers, h => Assert.Equal("shared", h.Parameter));
        Assert.Single(handler.Inner.Requests);
    }

    [Fact]
    public async Task A_failed_renewal_keeps_using_the_token_until_it_expires_then_reports_the_failure()
    {
        _handler.Json(TokenFixture.Granted("first-access", 600))
                .Json(HttpStatusCode.BadRequest, "{\"error\":\"invalid_grant\"}")
                .Json(HttpStatusCode.BadRequest, "{\"error\":\"invalid_grant\"}");
        using var source = _f.Source();
        await source.SignInAsync(default);

        _f.Clock.Advance(TimeSpan.FromMinutes(6)); // 4 minutes left: renewal is due, and fails
        Assert.Equal("first-access", (await source.HeaderAsync(default)).Parameter);

        _f.Clock.Advance(TimeSpan.FromMinutes(4)); // expired: the failure is the answer now
        var e = await Assert.ThrowsAsync<WandbApiException>(() => source.HeaderAsync(default));
        Assert.Equal(ApiErrorKind.IdentityTokenRejected, e.Kind);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task After_a_failed_renewal_the_token_serves_for_30_seconds_without_another_exchange_and_the_failure_is_kept()
    {
        _handler.Json(TokenFixture.Granted("first-access", 600))
                .Json(HttpStatusCode.ServiceUnavailable, "{}").Json(HttpStatusCode.ServiceUnavailable, "{}")
                .Json(HttpStatusCode.ServiceUnavailable, "{}").Json(HttpStatusCode.ServiceUnavailable, "{}")
                .Json(TokenFixture.Granted("second-access", 600));
        using var source = _f.Source();
        await source.SignInAsync(default);
        Assert.Null(source.DescribeRenewalFailure());

        _f.Clock.Advance(TimeSpan.FromMinutes(6)); // 4 minutes left: renewal is due, and fails after its 4 attempts
        Assert.Equal("first-access", (await source.HeaderAsync(default)).Parameter);
        Assert.Equal(5, _handler.Requests.Count);
        var failure = Assert.IsType<WandbApiException>(source.LastRenewalFailure);
        Assert.Equal(ApiErrorKind.ServerError, failure.Kind);
        Assert.Equal(1, source.RenewalFailures);
        var said = source.DescribeRenewalFailure();
        Assert.Contains("Renewing the W&B access token failed: W&B at https://wandb.example.com answered HTTP 503", said);
        Assert.Contains("serves until 2026-06-01 12:10:00Z; renewal is tried again from 12:06:30Z", said);

        var renewalPaused = _f.Clock.Now + AccessTokenSource.RenewalPause;
        _f.Clock.Now = renewalPaused.AddSeconds(-1); // within the pause: no exchange, whatever the number of requests
        for (int i = 0; i < 3; i++) Assert.Equal("first-access", (await source.HeaderAsync(default)).Parameter);
        Assert.Equal(5, _handler.Requests.Count);

        _f.Clock.Now = renewalPaused; // the pause is over: renewal is tried again, and succeeds
        Assert.Equal("second-access", (await source.HeaderAsync(default)).Parameter);
        Assert.Equal(6, _handler.Requests.Count);
        Assert.Null(source.LastRenewalFailure);
        Assert.Null(source.DescribeRenewalFailure());
        Assert.Equal(1, source.RenewalFailures);
    }

    [Fact]
    public async Task A_token_that_expires_during_the_pause_is_renewed_at_once()
    {
        _handler.Json(TokenFixture.Granted("first-access", 600))
                .Json(HttpStatusCode.BadRequest, "{\"error\":\"invalid_grant\"}")
                .Json(TokenFixture.Granted("second-access", 600));
        using var source = _f.Source();
        await source.SignInAsync(default);
        _f.Clock.Advance(TimeSpan.FromSeconds(590)); // 10 s left: renewal fails, the pause outlasts the token
        Assert.Equal("first-access", (await source.HeaderAsync(default)).Parameter);

        _f.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("second-access", (await source.HeaderAsync(default)).Parameter);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task A_refused_first_exchange_fails_the_sign_in()
    {
        _handler.Json(HttpStatusCode.Unauthorized, "{\"error\":\"invalid_client\"}");
        using var source = _f.Source();
        var e = await Assert.ThrowsAsync<WandbApiException>(() => source.SignInAsync(default));
        Assert.Equal(ApiErrorKind.IdentityTokenRejected, e.Kind);
        Assert.Null(source.ExpiresAt);
    }

    /// <summary>Holds every request until released, then answers from the script.</summary>
    private sealed class GatedHandler : DelegatingHandler
    {
        private readonly Task _release;

        public GatedHandler(Task release) { _release = release; Inner = new ScriptedHandler(); InnerHandler = Inner; }

        public ScriptedHandler Inner { get; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            await _release;
            return await base.SendAsync(request, ct);
        }
    }
}
