using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class FaultTests
{
    [Fact]
    public async Task Status_fault_answers_with_the_code_and_retry_and_rate_limit_headers_without_executing()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Status(429, retryAfter: TimeSpan.FromSeconds(1.2),
            rateLimitReset: TimeSpan.FromSeconds(30), body: """{"errors":[{"message":"rate limited"}]}"""));

        using var response = await org.Client.Http.SendAsync(Request(Documents.GenerateApiKey, org.BobKey));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("RateLimit-Remaining")));
        Assert.Equal("30", Assert.Single(response.Headers.GetValues("RateLimit-Reset")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"errors":[{"message":"rate limited"}]}""", await response.Content.ReadAsStringAsync());
        Assert.Single(org.State.Keys("bob"));
    }

    [Fact]
    public async Task Status_fault_without_options_sends_a_bare_status()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Status(503));

        using var response = await org.Client.Http.SendAsync(Request(Documents.GetViewer, org.BobKey));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        Assert.False(response.Headers.Contains("RateLimit-Reset"));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Html_fault_sends_an_html_page_where_json_was_expected()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Html(502));
        org.Emulator.Faults.Enqueue(Fault.Html());

        var gateway = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        var ok = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.Equal(HttpStatusCode.BadGateway, gateway.Status);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.All([gateway, ok], r =>
        {
            Assert.Equal("text/html", r.ContentType);
            Assert.Equal("<html><body>Bad Gateway</body></html>", r.Text);
        });
    }

    [Fact]
    public async Task Drop_surfaces_as_HttpRequestException_even_on_a_reused_connection()
    {
        await using var org = await Seeded.StartAsync();
        await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        org.Emulator.Faults.Enqueue(Fault.Drop());

        await Assert.ThrowsAsync<HttpRequestException>(() => org.Client.SendAsync(Documents.GetViewer, org.BobKey));

        // HttpClient did not quietly resend the request on a fresh connection.
        var dropped = org.Emulator.Requests.All[^1];
        Assert.Equal(2, org.Emulator.Requests.All.Count);
        Assert.IsType<DropFault>(dropped.Fault);
        Assert.Null(dropped.StatusCode);
    }

    [Fact]
    public async Task Delay_fault_holds_one_request_then_answers_normally()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Delay(TimeSpan.FromMilliseconds(400)));

        var response = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        var next = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("bob", response.Data.GetProperty("viewer").GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.OK, next.Status);
        // Which request was held, from the log rather than a stopwatch (a timer may fire a hair early).
        Assert.Equal(new Fault?[] { Fault.Delay(TimeSpan.FromMilliseconds(400)), null }, org.Emulator.Requests.ForOperation("GetViewer").Select(r => r.Fault));
        Assert.Equal(0, org.Emulator.Faults.Pending);
    }

    [Fact]
    public async Task Client_timeout_during_a_delay_is_logged_without_a_status()
    {
        await using var org = await Seeded.StartAsync();
        org.Client.Http.Timeout = TimeSpan.FromMilliseconds(200);
        org.Emulator.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAsync<TaskCanceledException>(() => org.Client.SendAsync(Documents.GetViewer, org.BobKey));

        var entry = await EventuallyAsync(() => org.Emulator.Requests.All.SingleOrDefault());
        Assert.Null(entry.StatusCode);
        Assert.IsType<DelayFault>(entry.Fault);
    }

    [Fact]
    public async Task CommitThenLoseResponse_creates_the_key_but_the_client_gets_no_answer()
    {
        await using var org = await Seeded.StartAsync();
        await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        org.Emulator.Faults.Enqueue(Fault.CommitThenLoseResponse(), "GenerateApiKey");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey, new { description = "lost" }));

        Assert.Contains(org.State.Keys("bob"), k => k.Description == "lost");
        var generate = Assert.Single(org.Emulator.Requests.ForOperation("GenerateApiKey"));
        Assert.Null(generate.StatusCode);
        Assert.IsType<CommitThenLoseResponseFault>(generate.Fault);
    }

    [Fact]
    public async Task GraphQLError_fault_answers_200_with_errors_and_null_data_without_executing()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.GraphQLError("internal server error"));

        var response = await org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey, new { description = "x" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("internal server error", Assert.Single(response.ErrorMessages));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Data.ValueKind);
        Assert.Single(org.State.Keys("bob"));
    }

    [Fact]
    public async Task Fault_for_an_operation_waits_for_that_operation_and_others_pass()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Status(500), "DeleteApiKey");

        var viewer = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        var pendingAfterViewer = org.Emulator.Faults.Pending;
        var delete = await org.Client.SendAsync(Documents.DeleteApiKey, org.BobKey, new { id = org.State.Keys("bob")[0].Id });

        Assert.Equal(HttpStatusCode.OK, viewer.Status);
        Assert.Equal(1, pendingAfterViewer);
        Assert.Equal(HttpStatusCode.InternalServerError, delete.Status);
        Assert.Equal(0, org.Emulator.Faults.Pending);
    }

    [Fact]
    public async Task Fault_queued_several_times_hits_that_many_requests_in_order()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Status(503), times: 2);
        org.Emulator.Faults.Enqueue(Fault.Status(502));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await org.Client.SendAsync(Documents.GetViewer, org.BobKey)).Status);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway,
            HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Faulted_request_does_not_count_as_a_use_of_the_key()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Status(503));

        await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.Null(org.State.Keys("bob")[0].LastUsedAt);
    }

    [Fact]
    public void Clear_discards_pending_faults()
    {
        var faults = new FaultInjector();
        faults.Enqueue(Fault.Drop(), times: 3);

        faults.Clear();

        Assert.Equal(0, faults.Pending);
    }

    private static HttpRequestMessage Request(Document document, string key) => new(HttpMethod.Post, "/graphql")
    {
        Content = System.Net.Http.Json.JsonContent.Create(new { query = document.Text, operationName = document.OperationName }),
        Headers = { Authorization = ApiClient.BasicAuth(key) },
    };

    // The server notices a client's hang-up a moment after the client has given up.
    private static async Task<T> EventuallyAsync<T>(Func<T?> probe)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("condition not met within 5 s");
    }
}
