using System.Diagnostics;
using System.Net;
using WandbAuth.Emulator.Tests.Support;

namespace WandbAuth.Emulator.Tests;

/// <summary>Only lower bounds are asserted: timings are for benchmarks, these check the delay exists.</summary>
public class LatencyTests
{
    [Fact]
    public async Task Latency_is_added_to_every_graphql_request()
    {
        await using var org = await Seeded.StartAsync(new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(250) });

        var watch = Stopwatch.StartNew();
        await org.Client.SendAsync(Documents.GetViewer, org.BobKey);
        await org.Client.SendAsync(Documents.GetViewer, key: null);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(500), $"two requests took {watch.Elapsed}");
    }

    [Fact]
    public async Task Latency_can_be_changed_while_running()
    {
        await using var org = await Seeded.StartAsync();

        org.Emulator.Options.Latency = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        var response = await org.Client.SendAsync(Documents.GetViewer, org.BobKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {watch.Elapsed}");
    }
}
