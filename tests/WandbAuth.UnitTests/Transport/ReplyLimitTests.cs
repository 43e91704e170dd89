using System.Diagnostics;
using Newtonsoft.Json.Linq;
using WandbAuth.Api;
using WandbAuth.Emulator;
using Xunit;

namespace WandbAuth.UnitTests.Transport;

/// <summary>
/// Over real sockets: a reply whose headers arrive and whose body then stalls ends at the per-attempt timeout (a
/// query is tried again, a mutation's outcome is unknown) or at once on cancellation; a runaway reply stops at the
/// reply limit; a streamed listing is bounded per read and per user.
/// </summary>
public class ReplyLimitTests
{
    private static GraphQLOperation Query => GraphQLOperation.Load("ListViewerKeys", "fragment ApiKeyFields on ApiKey { id }", "fragment UserExtraFields on User { __typename }");
    private static GraphQLOperation Mutation => GraphQLOperation.Load("GenerateApiKey");

    /// <summary>Long enough for a busy CI machine to answer a healthy request over loopback; only a stalled body takes it all.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Query_whose_body_stalls_times_out_per_attempt_and_is_tried_again()
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;
        emulator.Faults.Enqueue(Fault.StallBody(), "ListViewerKeys", times: 2);
        var client = LoopbackClient.For(emulator, key, timeout: AttemptTimeout, attempts: 2);

        var e = await Assert.ThrowsAsync<WandbApiException>(() => client.SendAsync(Query, null, default));

        Assert.Equal(ApiErrorKind.Timeout, e.Kind);
        Assert.Contains("after 2 attempts", e.Message);
        Assert.Equal(2, emulator.Requests.ForOperation("ListViewerKeys").Count);
    }

    [Fact]
    public async Task Query_whose_first_body_stalls_succeeds_on_the_next_attempt()
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;
        emulator.Faults.Enqueue(Fault.StallBody(), "ListViewerKeys");
        var client = LoopbackClient.For(emulator, key, timeout: AttemptTimeout, attempts: 2);

        var data = await client.SendAsync(Query, null, default);

        Assert.Equal("alice", (string?)data["viewer"]?["username"]);
    }

    [Fact]
    public async Task Mutation_whose_body_stalls_is_not_sent_again_and_its_outcome_is_unknown()
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;
        emulator.Faults.Enqueue(Fault.StallBody(), "GenerateApiKey");
        var client = LoopbackClient.For(emulator, key, timeout: AttemptTimeout, attempts: 3);

        var e = await Assert.ThrowsAsync<WandbApiException>(() => client.SendAsync(Mutation, new JObject { ["description"] = "x" }, default));

        Assert.Equal(ApiErrorKind.OutcomeUnknown, e.Kind);
        Assert.Single(emulator.Requests.ForOperation("GenerateApiKey"));
    }

    [Fact]
    public async Task Cancelling_a_stalled_body_read_ends_it_without_waiting_for_the_timeout()
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;
        emulator.Faults.Enqueue(Fault.StallBody(), "ListViewerKeys");
        var client = LoopbackClient.For(emulator, key, timeout: Timeout.InfiniteTimeSpan);
        using var cts = new CancellationTokenSource();

        var send = client.SendAsync(Query, null, cts.Token);
        Assert.True(SpinWait.SpinUntil(() => emulator.Requests.ForOperation("ListViewerKeys").Count > 0, TimeSpan.FromSeconds(20)));
        cts.Cancel();

        // With no timeout at all, only the cancellation can end the read.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
    }

    /// <summary>
    /// A listing past the limit is refused as too large; a key creation answered so is a 200 the client cannot read,
    /// so whether a key was made is unknown and the caller must go and look for it.
    /// </summary>
    [Theory]
    [InlineData("ListViewerKeys", ApiErrorKind.ReplyTooLarge, "the request for your API keys")]
    [InlineData("GenerateApiKey", ApiErrorKind.OutcomeUnknown, "the request to create an API key")]
    public async Task Reply_past_the_limit_is_refused_not_read_into_memory(string operation, ApiErrorKind kind, string asked)
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;
        emulator.Faults.Enqueue(Fault.Oversized(8L * 1024 * 1024), operation);
        var client = LoopbackClient.For(emulator, key, maxReplyBytes: 1024 * 1024);
        var (op, variables) = operation == "GenerateApiKey" ? (Mutation, new JObject { ["description"] = "big" }) : (Query, null);

        var e = await Assert.ThrowsAsync<WandbApiException>(() => client.SendAsync(op, variables, default));

        Assert.Equal(kind, e.Kind);
        Assert.Contains("more than 1 MB", e.Message);
        Assert.Contains(asked, e.Message);
    }

    [Fact]
    public async Task Streamed_listing_that_stalls_times_out_per_read()
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;
        var api = new WandbApi(LoopbackClient.For(emulator, key, timeout: AttemptTimeout), new SchemaFeatureCache());
        await api.GetFeaturesAsync(default);
        emulator.Faults.Enqueue(Fault.StallBody(), "SearchUsers");

        using var users = await api.OpenUserStreamAsync(null, default);
        var e = Assert.Throws<WandbApiException>(() => users.ToList());

        Assert.Equal(ApiErrorKind.Timeout, e.Kind);
        Assert.Contains("stopped sending", e.Message);
    }

    [Fact]
    public async Task Streamed_listing_is_bounded_between_users_not_in_total()
    {
        var (emulator, key) = await LoopbackClient.StartAsync();
        await using var _ = emulator;
        for (int i = 0; i < 300; i++) emulator.State.AddUser($"user{i:D3}");
        for (int i = 0; i < 3000; i++) emulator.State.IssueKey($"user{i % 300:D3}", "k" + i);
        // 64 KB between two users is plenty; the whole answer is several times that.
        var api = new WandbApi(LoopbackClient.For(emulator, key, maxReplyBytes: 64 * 1024), new SchemaFeatureCache());

        using (var users = await api.OpenUserStreamAsync(null, default))
            Assert.Equal(301, users.Count());
        emulator.Faults.Enqueue(Fault.Oversized(1024 * 1024), "SearchUsers");
        using var runaway = await api.OpenUserStreamAsync(null, default);
        var e = Assert.Throws<WandbApiException>(() => runaway.ToList());

        Assert.Equal(ApiErrorKind.ReplyTooLarge, e.Kind);
    }
}
