using WandbAuth.Credentials;
using WandbAuth.Rotation;
using WandbAuth.UnitTests.Rotation.Support;
using WandbAuth.Vault;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>
/// A new key the update script had may have been handed on: no run deletes it afterwards, whichever run, whatever
/// fails, and a run that lost the rotation to another leaves that run's key alone.
/// </summary>
public class HandedOnKeyTests
{
    private const string Secret = "WandbApiKey", Pending = Secret + "-WandbPending", State = Secret + "-WandbRotation";

    [Fact]
    public async Task Crash_during_the_update_script_then_a_failing_test_script_on_resume_keeps_the_handed_on_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        string? handedOn = null;
        await bed.RotateAsync(Secret, r => r.UpdateScript = (key, _) => { handedOn = SecretText.Reveal(key); throw bed.Crash(); });
        bed.Restart();

        var resumed = await bed.RotateAsync(Secret, r => r.TestScript = (_, _) => throw new InvalidOperationException("smoke test: 403"));

        Assert.Equal(RotationStatus.RolledBack, resumed.Status);
        Assert.Contains("was kept", resumed.Message);
        Assert.True(bed.State.IsLive(handedOn!), "the key the crashed run's update script had stays live");
        Assert.Equal(oldKey, bed.Vault.Peek(Secret));
        Assert.True(bed.State.IsLive(oldKey));
    }

    [Fact]
    public async Task Resume_that_finds_the_pending_key_gone_leaves_a_handed_on_key_live_and_rotates_afresh()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        string? handedOn = null;
        await bed.RotateAsync(Secret, r => r.UpdateScript = (key, _) => { handedOn = SecretText.Reveal(key); throw bed.Crash(); });
        bed.Restart();
        bed.Vault.Put(Pending, VaultSteps.Tombstone);   // cleared by hand: the table restarts, which deletes marked keys

        var resumed = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Resumed, resumed.Status);
        Assert.True(bed.State.IsLive(handedOn!), "the key the update script had is not deleted by its marker");
        Assert.Contains($"Remove-WandbApiKey -KeyId {bed.State.KeyIdOf(handedOn!)}", resumed.Message);
        var now = bed.Vault.Peek(Secret)!;
        Assert.NotEqual(handedOn, now);
        Assert.True(bed.State.IsLive(now));
        Assert.False(bed.State.IsLive(oldKey));
        bed.AssertNoWorkingSecrets(Secret);
    }

    [Fact]
    public async Task Run_whose_test_script_outlives_the_held_lease_and_fails_leaves_the_run_that_took_over_alone()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        bed.Process.ScriptLease = TimeSpan.FromMinutes(60);
        var otherMachine = bed.OtherMachine();
        RotationResult? taker = null;

        var first = await bed.RotateAsync(Secret, r => r.TestScript = async (_, _) =>
        {
            // The script runs past the held lease; another machine takes the rotation over and finishes it.
            bed.ClockOffset = TimeSpan.FromMinutes(61);
            taker = await bed.RotateAsync(Secret, process: otherMachine);
            throw new InvalidOperationException("smoke test timed out");
        });

        Assert.Equal(RotationStatus.Resumed, taker!.Status);
        Assert.Equal(RotationStatus.Failed, first.Status);
        Assert.Contains("smoke test timed out", first.Message);
        Assert.DoesNotContain("was deleted", first.Message);
        bed.AssertRotated(Secret, "alice", oldKey);   // the key the taker stored still works
    }

    [Fact]
    public async Task Scripts_of_a_batch_take_turns_so_each_held_lease_counts_from_its_own_script()
    {
        await using var bed = await RotationBed.StartAsync();
        var keys = new[] { ("A", bed.SeedKey("alice", "A")), ("B", bed.SeedKey("bob", "B")) };
        bed.Process.ScriptLease = TimeSpan.FromMinutes(60);
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bed.Vault.After = c =>
        {
            if (c.Op == VaultOp.Set && c.Name.EndsWith("-WandbRotation", StringComparison.Ordinal) && bed.Vault.Peek(c.Name)!.Contains("\"LeaseUntil\""))
                events.Enqueue("hold " + c.Name[..1]);
        };
        var requests = keys.Select(k =>
        {
            var request = bed.Request(k.Item1);
            request.TestScript = async (_, _) => { events.Enqueue("start " + k.Item1); await Task.Delay(50); events.Enqueue("end " + k.Item1); };
            return request;
        }).ToList();

        var results = await bed.Runner().RotateAllAsync(requests, throttleLimit: 2);

        Assert.All(results, r => Assert.Equal(RotationStatus.Completed, r.Status));
        var order = events.ToList();
        // Each script starts right after its own hold, and the other's hold waits until it has ended.
        Assert.Equal(6, order.Count);
        for (int i = 0; i < 6; i += 3)
        {
            var who = order[i][^1..];
            Assert.Equal(new[] { "hold " + who, "start " + who, "end " + who }, order.Skip(i).Take(3));
        }
        foreach (var (name, oldKey) in keys) bed.AssertRotated(name, name == "A" ? "alice" : "bob", oldKey);
    }
}
