using WandbAuth.Emulator;
using WandbAuth.Rotation;
using WandbAuth.UnitTests.Rotation.Support;
using WandbAuth.Vault;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>
/// The rows of RotationTable that no crash or fault test reached, each through a real interrupted rotation and the
/// run that resumes it. (CrashResumeTests, GuardTests, HelperSecretTests and OldKeyDeleteTests cover the others.)
/// </summary>
public class ResumeRowTests
{
    private const string Secret = "WandbApiKey", Pending = Secret + "-WandbPending", State = Secret + "-WandbRotation";

    [Fact]
    public async Task Rolled_back_key_left_in_the_pending_secret_is_deleted_by_the_next_run_never_promoted()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        // The update script fails, the rollback's delete of the new key fails, and so does clearing the pending secret.
        bed.Server.Faults.Enqueue(Fault.GraphQLError("internal error while deleting"), "DeleteApiKey");
        var pendingWrites = 0;
        bed.Vault.Before = c => { if (c.Is(VaultOp.Set, Pending) && ++pendingWrites == 2) throw new VaultException("Set-Secret failed: the vault is busy"); };
        var rolledBack = await bed.RotateAsync(Secret, r => r.UpdateScript = (_, _) => throw new InvalidOperationException("kubectl: forbidden"));
        var undeleted = bed.Vault.Peek(Pending)!;
        bed.Vault.Before = null;

        Assert.Equal(RotationStatus.RolledBack, rolledBack.Status);
        Assert.Contains("could not be deleted", rolledBack.Message);
        Assert.Equal(RotationPhase.RollingBack, StateIn(bed)!.Phase);
        Assert.True(bed.State.IsLive(undeleted));

        var next = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Resumed, next.Status);
        Assert.Contains("1 unheld key(s) from the interrupted rotation were deleted", next.Message);
        Assert.NotEqual(undeleted, bed.AssertRotated(Secret, "alice", oldKey));
        Assert.False(bed.State.IsLive(undeleted), "the rolled-back key is deleted, never promoted");
    }

    [Fact]
    public async Task Pending_secret_holding_another_owners_key_stops_the_resume_and_changes_nothing()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        await InterruptedAfterParkingAsync(bed);
        bed.State.AddUser("bob");
        var bobs = bed.State.IssueKey("bob", "bob's laptop");
        bed.Vault.Put(Pending, bobs);

        var result = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains($"'{Pending}' holds a key of bob", result.Message);
        Assert.Equal(oldKey, bed.Vault.Peek(Secret));
        Assert.Equal(bobs, bed.Vault.Peek(Pending));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.True(bed.State.IsLive(bobs));
        Assert.Null(StateIn(bed)!.Lease);                      // parked for whoever sorts it out
        bed.AssertNoKeyIn(result, oldKey, bobs);
    }

    [Fact]
    public async Task Pending_key_is_promoted_first_when_the_secret_holds_no_working_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        var parked = await InterruptedAfterParkingAsync(bed);
        bed.Vault.Put(Secret, "overwritten by hand");
        string? secretDuringScript = null;

        var result = await RotateOverHandWrittenAsync(bed, oldKey, r => r.UpdateScript = (_, _) => { secretDuringScript = bed.Vault.Peek(Secret); return Task.CompletedTask; });

        Assert.Equal(RotationStatus.Resumed, result.Status);
        Assert.Equal(parked, secretDuringScript);                // stored before the scripts: nothing else worked
        Assert.Equal(parked, bed.AssertRotated(Secret, "alice", oldKey));
    }

    [Fact]
    public async Task Scripts_owed_after_a_forward_promote_run_on_the_next_run_before_the_old_key_goes()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        var parked = await InterruptedAfterParkingAsync(bed);
        bed.Vault.Put(Secret, "overwritten by hand");

        var failed = await RotateOverHandWrittenAsync(bed, oldKey, r => r.UpdateScript = (_, _) => throw new InvalidOperationException("kubectl: forbidden"));

        Assert.Equal(RotationStatus.Failed, failed.Status);
        Assert.Contains("runs the scripts again", failed.Message);
        Assert.Equal(parked, bed.Vault.Peek(Secret));
        Assert.Equal(RotationPhase.ScriptsPending, StateIn(bed)!.Phase);
        Assert.True(bed.State.IsLive(oldKey), "the old key stays until the scripts succeed");

        var runs = 0;
        var resumed = await RotateOverHandWrittenAsync(bed, oldKey, r => r.UpdateScript = (_, _) => { runs++; return Task.CompletedTask; });

        Assert.Equal(RotationStatus.Resumed, resumed.Status);
        Assert.Equal(1, runs);
        Assert.Equal(parked, bed.AssertRotated(Secret, "alice", oldKey));
    }

    [Fact]
    public async Task Secret_holding_a_third_key_stops_the_resume_and_changes_nothing()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        var parked = await InterruptedAfterParkingAsync(bed);
        var third = bed.State.IssueKey("alice", "written by hand");
        bed.Vault.Put(Secret, third);

        var result = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("neither the old key", result.Message);
        Assert.Equal(third, bed.Vault.Peek(Secret));
        Assert.Equal(parked, bed.Vault.Peek(Pending));
        Assert.All(new[] { oldKey, parked, third }, k => Assert.True(bed.State.IsLive(k)));
        bed.AssertNoKeyIn(result, oldKey, parked, third);
    }

    [Fact]
    public async Task Neither_secret_nor_pending_working_stops_the_resume_and_changes_nothing()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = bed.SeedKey("alice", Secret);
        // Killed after the create, before the pending write: the new key exists only on the server, marked.
        bed.Vault.Before = c => { if (c.Is(VaultOp.Set, Pending)) throw bed.Crash(); };
        await bed.RotateAsync(Secret);
        bed.Restart();
        bed.Vault.Put(Secret, "overwritten by hand");

        var result = await RotateOverHandWrittenAsync(bed, oldKey);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains($"Neither '{Secret}' nor '{Pending}' holds a key W&B accepts", result.Message);
        Assert.Equal("overwritten by hand", bed.Vault.Peek(Secret));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.Equal(2, bed.State.Keys("alice").Count);
        Assert.Null(StateIn(bed)!.Lease);
    }

    /// <summary>A rotation killed right after it parked its new key; returns that key (live, in the pending secret).</summary>
    private static async Task<string> InterruptedAfterParkingAsync(RotationBed bed)
    {
        bed.Vault.After = c => { if (c.Is(VaultOp.Set, Pending)) throw bed.Crash(); };
        await bed.RotateAsync(Secret);
        bed.Restart();
        var parked = bed.Vault.Peek(Pending)!;
        Assert.True(bed.State.IsLive(parked));
        return parked;
    }

    /// <summary>Rotates while S holds no key, over a connection as the old key (the bed otherwise connects as S's own).</summary>
    private static Task<RotationResult> RotateOverHandWrittenAsync(RotationBed bed, string oldKey, Action<RotationRequest>? configure = null)
    {
        var request = bed.Request(Secret, connectAs: oldKey);
        configure?.Invoke(request);
        return bed.Runner().RotateAsync(request);
    }

    private static RotationState? StateIn(RotationBed bed) =>
        bed.Vault.Peek(State) is { } json && json != VaultSteps.Tombstone ? RotationState.Parse(json, State) : null;
}
