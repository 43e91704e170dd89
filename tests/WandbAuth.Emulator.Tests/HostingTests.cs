using System.Diagnostics;
using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

public class HostingTests
{
    [Fact]
    public async Task Emulator_listens_on_a_free_loopback_port_with_no_path()
    {
        await using var first = await WandbEmulator.StartAsync();
        await using var second = await WandbEmulator.StartAsync();

        Assert.Equal("http", first.BaseUrl.Scheme);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(first.BaseUrl.Host)));
        Assert.NotEqual(0, first.BaseUrl.Port);
        Assert.Equal("/", first.BaseUrl.AbsolutePath);
        Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
    }

    [Fact]
    public async Task Disposing_does_not_wait_long_for_a_request_parked_in_a_delay()
    {
        var emulator = await WandbEmulator.StartAsync();
        emulator.State.AddUser("bob");
        var key = emulator.State.IssueKey("bob");
        using var client = new ApiClient(emulator); // outlives the emulator, so only the server can end the request
        emulator.Faults.Enqueue(Fault.Delay(TimeSpan.FromMinutes(5)));
        var parked = client.SendAsync(Documents.GetViewer, key);
        while (emulator.Faults.Pending > 0)
        {
            await Task.Delay(10);
        }

        var watch = Stopwatch.StartNew();
        await emulator.DisposeAsync();

        // Well under the 2 s shutdown timeout: the delay ends when the emulator stops rather than running out.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"disposal took {watch.Elapsed}");
        await Assert.ThrowsAsync<HttpRequestException>(() => parked);
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_key()
    {
        await using var org = await Seeded.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            org.Client.SendAsync(Documents.GenerateApiKey, org.BobKey, new { description = $"parallel {i}" })));

        var secrets = responses.Select(r =>
            r.Data.GetProperty("generateApiKey").GetProperty("apiKey").GetProperty("name").GetString()!).ToList();
        Assert.Equal(40, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.True(org.State.IsLive(s)));
        Assert.Equal(41, org.State.Keys("bob").Count);
    }
}
