using WandbAuth.Rotation;
using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>Many secrets rotate concurrently up to the throttle; one failure stops none of the others.</summary>
public class ThrottleTests
{
    [Fact]
    public async Task Sixteen_secrets_with_throttle_eight_all_complete_never_more_than_eight_at_once()
    {
        await using var bed = await RotationBed.StartAsync();
        bed.Server.Options.Latency = TimeSpan.FromMilliseconds(5);
        var oldKeys = Enumerable.Range(1, 16).ToDictionary(i => $"Key{i:00}", i => bed.SeedKey($"user{i:00}", $"Key{i:00}"));
        int running = 0, peak = 0;
        var progress = new List<int>();
        var requests = oldKeys.Keys.Select(name =>
        {
            var r = bed.Request(name);
            r.UpdateScript = async (_, _) =>
            {
                var now = Interlocked.Increment(ref running);
                lock (progress) peak = Math.Max(peak, now);
                await Task.Delay(20);
                Interlocked.Decrement(ref running);
            };
            return r;
        }).ToList();

        var results = await bed.Runner().RotateAllAsync(requests, throttleLimit: 8, onProgress: p => progress.Add(p.Done));

        Assert.All(results, r => Assert.Equal(RotationStatus.Completed, r.Status));
        Assert.Equal(oldKeys.Keys, results.Select(r => r.SecretName));
        Assert.InRange(peak, 1, 8);
        Assert.Equal(Enumerable.Range(1, 16), progress);
        foreach (var (name, oldKey) in oldKeys) bed.AssertRotated(name, "user" + name[3..], oldKey);
    }

    [Fact]
    public async Task One_failing_secret_does_not_stop_the_others()
    {
        await using var bed = await RotationBed.StartAsync();
        var good = bed.SeedKey("alice", "Good");
        bed.SeedKey("bob", "Bad");
        var requests = new[] { bed.Request("Good"), bed.Request("Bad"), };
        requests[1].UpdateScript = (_, _) => throw new InvalidOperationException("no such deployment");
        var reported = new List<RotationResult>();

        var results = await bed.Runner().RotateAllAsync(requests, throttleLimit: 2, onResult: reported.Add);

        Assert.Equal([RotationStatus.Completed, RotationStatus.RolledBack], results.Select(r => r.Status));
        Assert.Equal(2, reported.Count);
        bed.AssertRotated("Good", "alice", good);
    }
}
