using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class RequestLogTests
{
    [Fact]
    public async Task Each_request_is_logged_with_operation_key_id_status_and_user_agent_but_never_the_secret()
    {
        await using var org = await Seeded.StartAsync();

        await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        await org.Client.SendAsync(Documents.GetViewer, key: null);

        var (ok, rejected) = (org.Emulator.Requests.All[0], org.Emulator.Requests.All[1]);
        Assert.Equal(("POST", "/graphql", "GetViewer"), (ok.Method, ok.Path, ok.OperationName));
        Assert.Equal(org.State.Keys("bob")[0].KeyId, ok.KeyId);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(ApiClient.SdkUserAgent, ok.UserAgent);
        Assert.False(ok.IsFault);
        Assert.Null(rejected.KeyId);
        Assert.Equal(401, rejected.StatusCode);
        Assert.DoesNotContain(org.Emulator.Requests.All, e => e.ToString().Contains(org.BobKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Key_id_is_logged_for_a_known_key_even_when_a_fault_answers()
    {
        await using var org = await Seeded.StartAsync();
        org.Emulator.Faults.Enqueue(Fault.Status(503));

        await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        var entry = Assert.Single(org.Emulator.Requests.All);
        Assert.Equal(org.State.Keys("bob")[0].KeyId, entry.KeyId);
        Assert.Equal(503, entry.StatusCode);
        Assert.True(entry.IsFault);
    }

    [Fact]
    public async Task Operation_name_comes_from_the_document_when_the_body_has_none()
    {
        await using var org = await Seeded.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = Documents.GetViewer.Text }),
            Headers = { Authorization = ApiClient.BasicAuth(org.BobKey) },
        };

        using var response = await org.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GetViewer", Assert.Single(org.Emulator.Requests.All).OperationName);
    }

    [Fact]
    public async Task One_client_reuses_its_connection_and_separate_clients_open_their_own()
    {
        await using var org = await Seeded.StartAsync();
        using var other = new ApiClient(org.Emulator);

        for (var i = 0; i < 3; i++)
        {
            await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        }

        var afterOneClient = org.Emulator.Requests.DistinctConnections;
        await other.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.Equal(1, afterOneClient);
        Assert.Equal(2, org.Emulator.Requests.DistinctConnections);
    }

    [Fact]
    public async Task Requests_outside_graphql_are_logged_too_and_Clear_empties_the_log()
    {
        await using var org = await Seeded.StartAsync();

        using var response = await org.Client.Http.GetAsync("/healthz");
        var entry = Assert.Single(org.Emulator.Requests.All);
        org.Emulator.Requests.Clear();

        Assert.Equal(("GET", "/healthz", 404), (entry.Method, entry.Path, entry.StatusCode));
        Assert.Empty(org.Emulator.Requests.All);
        Assert.Equal(0, org.Emulator.Requests.DistinctConnections);
    }
}
