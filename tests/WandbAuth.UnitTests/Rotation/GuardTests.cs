using WandbAuth.Rotation;
using WandbAuth.UnitTests.Rotation.Support;
using WandbAuth.Vault;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>Two rotations of one secret never both create keys; an abandoned one is taken over.</summary>
public class GuardTests
{
    [Fact]
    public async Task Second_rotation_in_the_same_process_fails_without_creating_a_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        var inScript = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var first = bed.RotateAsync("WandbApiKey", r => r.UpdateScript = async (_, _) => { inScript.SetResult(); await release.Task; });
        await inScript.Task;
        var second = await bed.RotateAsync("WandbApiKey");
        var keysWhileBothRan = bed.State.Keys("alice").Count;
        release.SetResult();

        Assert.Equal(RotationStatus.Failed, second.Status);
        Assert.Contains("already running in this PowerShell process", second.Message);
        Assert.Equal(2, keysWhileBothRan);   // the old key and the first rotation's new key, nothing more
        Assert.Equal(RotationStatus.Completed, (await first).Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Rotation_in_another_live_process_is_reported_and_left_alone()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        var inScript = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var other = bed.StartProcess();

        var first = bed.RotateAsync("WandbApiKey", r => r.UpdateScript = async (_, _) => { inScript.SetResult(); await release.Task; });
        await inScript.Task;
        var second = await bed.RotateAsync("WandbApiKey", process: other);
        var keysWhileBothRan = bed.State.Keys("alice").Count;
        release.SetResult();

        Assert.Equal(RotationStatus.Failed, second.Status);
        Assert.Contains("already in progress", second.Message);
        Assert.Contains("bed-host", second.Message);
        Assert.Equal(2, keysWhileBothRan);
        Assert.Equal(RotationStatus.Completed, (await first).Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Rotation_whose_run_ended_in_this_process_is_resumed_at_once()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        // The run fails at its pending write and the vault then refuses every write, so it can neither tidy up
        // nor park its state: the state still names this process, whose run is over (think Ctrl+C).
        var broken = false;
        bed.Vault.Before = c => { if (broken && c.Op is VaultOp.Set or VaultOp.Remove) throw new VaultException("the vault is unavailable"); };
        bed.Vault.After = c => { if (c.Is(VaultOp.Set, "WandbApiKey-WandbPending")) { broken = true; throw new VaultException("the vault is unavailable"); } };
        await bed.RotateAsync("WandbApiKey");
        Assert.Contains(bed.Process.Identity.ProcessId.ToString(), bed.Vault.Peek("WandbApiKey-WandbRotation"));
        bed.Vault.After = bed.Vault.Before = null;

        var resumed = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Resumed, resumed.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Rotation_on_another_machine_is_taken_over_only_after_the_lease_timeout()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        PlantStateFromAnotherMachine(bed, oldKey);

        var early = await bed.RotateAsync("WandbApiKey");
        bed.ClockOffset = bed.Process.LeaseTimeout + TimeSpan.FromMinutes(1);
        var late = await bed.RotateAsync("WandbApiKey");

        Assert.Equal(RotationStatus.Failed, early.Status);
        Assert.Contains("other-host", early.Message);
        Assert.Equal(RotationStatus.Resumed, late.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
    }

    [Fact]
    public async Task Update_script_outliving_the_lease_keeps_it_and_another_machine_leaves_the_rotation_alone()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", "WandbApiKey");
        bed.Process.HeartbeatInterval = TimeSpan.FromMilliseconds(20);
        var otherMachine = new RotationOptions
        {
            Identity = new LeaseOwner("other-host", 77, DateTimeOffset.UtcNow.AddHours(-1), null),
            Locks = new RotationLocks(),
            IsRunning = _ => true,
            UtcNow = () => DateTimeOffset.UtcNow + bed.ClockOffset,
        };
        var refreshed = new SemaphoreSlim(0);
        bed.Vault.After = c => { if (c.Is(VaultOp.Set, "WandbApiKey-WandbRotation")) refreshed.Release(); };
        RotationResult? meanwhile = null;

        var result = await bed.RotateAsync("WandbApiKey", r => r.UpdateScript = async (_, _) =>
        {
            // The script runs past the lease timeout; the run keeps beating, so the lease never looks abandoned.
            bed.ClockOffset = bed.Process.LeaseTimeout + TimeSpan.FromMinutes(1);
            while (refreshed.CurrentCount > 0) await refreshed.WaitAsync();
            Assert.True(await refreshed.WaitAsync(TimeSpan.FromSeconds(30)), "the lease was refreshed while the script ran");
            meanwhile = await bed.RotateAsync("WandbApiKey", process: otherMachine);
        });

        Assert.Equal(RotationStatus.Failed, meanwhile!.Status);
        Assert.Contains("already in progress", meanwhile.Message);
        Assert.Equal(RotationStatus.Completed, result.Status);
        bed.AssertRotated("WandbApiKey", "alice", oldKey);
    }

    /// <summary>A state as a run on another machine writes it before its create.</summary>
    private static void PlantStateFromAnotherMachine(RotationBed bed, string oldKey)
    {
        var listed = Assert.Single(bed.State.Keys("alice"));
        var state = new RotationState
        {
            RunId = "0123456789abcdef",
            Marker = RotationState.MarkerFor("0123456789abcdef"),
            Lease = new LeaseOwner("other-host", 77, DateTimeOffset.UtcNow.AddHours(-1), "0123456789abcdef"),
            Started = DateTimeOffset.UtcNow,
            Heartbeat = DateTimeOffset.UtcNow,
            Phase = RotationPhase.Creating,
            Owner = "alice",
            OldKeyId = listed.KeyId,
            OldKeyNodeId = listed.Id,
        };
        Assert.Equal(bed.State.KeyIdOf(oldKey), listed.KeyId);
        bed.Vault.Put("WandbApiKey-WandbRotation", state.ToJson());
    }
}
