using WandbAuth.Rotation;
using WandbAuth.UnitTests.Rotation.Support;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>
/// A secret rotated before has a cleared state secret, which the next rotation claims by writing and reading back:
/// two machines can both pass that. Each run checks again right before promoting and right before deleting the old
/// key; the run that lost backs off without harm. The other machine is played by vault hooks that overwrite the
/// state (and the secret) at the moment the race would be lost.
/// </summary>
public class ClaimRaceTests
{
    private const string Secret = "WandbApiKey", Pending = Secret + "-WandbPending", State = Secret + "-WandbRotation";
    private const string OtherRun = "feedfacefeedface";

    [Fact]
    public async Task Rotation_that_loses_the_claim_deletes_only_its_own_new_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        string? ours = null, winners = null;
        // Right before the old key's delete, another machine's rotation has stored its key and holds the state.
        bed.Vault.After = c =>
        {
            if (winners != null || !IsPromoteReadBack(bed, c, oldKey)) return;
            ours = bed.Vault.Peek(Secret);
            winners = bed.State.IssueKey("alice", "Rotated by the other machine " + RotationState.MarkerFor(OtherRun));
            bed.Vault.Put(Secret, winners);
            bed.Vault.Put(State, OtherMachinesState(bed, oldKey, RotationPhase.Creating).ToJson());
        };

        var result = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains($"Another rotation of '{Secret}' took over on other-host (process 77)", result.Message);
        Assert.Contains("stopped before deleting the old key", result.Message);
        Assert.Contains("deleted its own new key", result.Message);
        Assert.True(bed.State.IsLive(oldKey), "the old key is never touched");
        Assert.False(bed.State.IsLive(ours!), "our new key is deleted: the secret does not hold it");
        Assert.True(bed.State.IsLive(winners!));
        Assert.Equal(winners, bed.Vault.Peek(Secret));
        Assert.Contains(OtherRun, bed.Vault.Peek(State));                 // the winner's state is left alone
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));      // our deleted key is not left there
        Assert.Equal(2, bed.State.Keys("alice").Count);
        Assert.Null(result.NewKeyId);
        bed.AssertNoKeyIn(result, oldKey, ours, winners);
    }

    [Fact]
    public async Task Rotation_that_loses_the_claim_before_promoting_leaves_the_old_key_in_the_secret()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        var taken = ClaimTakenOnceTheNewKeyIsRecorded(bed, oldKey);

        var result = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains($"stopped before storing its new key in '{Secret}'", result.Message);
        Assert.Contains("deleted its own new key", result.Message);
        Assert.Equal(oldKey, bed.Vault.Peek(Secret));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.False(bed.State.IsLive(taken()!));
        Assert.Single(bed.State.Keys("alice"));
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));
        Assert.Contains(OtherRun, bed.Vault.Peek(State));
    }

    [Fact]
    public async Task Rotation_that_loses_the_claim_keeps_its_new_key_while_the_secret_holds_it()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        string? ours = null;
        // Only the state changes hands: the secret still holds our key, so deleting it would lock everyone out.
        bed.Vault.After = c =>
        {
            if (ours != null || !IsPromoteReadBack(bed, c, oldKey)) return;
            ours = bed.Vault.Peek(Secret);
            bed.Vault.Put(State, OtherMachinesState(bed, oldKey, RotationPhase.Creating).ToJson());
        };

        var result = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains($"kept its new key {result.NewKeyId}, which '{Secret}' holds", result.Message);
        Assert.Equal(ours, bed.Vault.Peek(Secret));
        Assert.True(bed.State.IsLive(ours!));
        Assert.True(bed.State.IsLive(oldKey), "the old key is never touched");
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));      // not left in two places
    }

    [Fact]
    public async Task Rotation_whose_secret_is_overwritten_after_its_promote_deletes_only_its_own_new_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        string? ours = null, winners = null;
        // The state is still ours, but a run that promoted meanwhile wrote its key into the secret.
        bed.Vault.After = c =>
        {
            if (winners != null || !IsPromoteReadBack(bed, c, oldKey)) return;
            ours = bed.Vault.Peek(Secret);
            winners = bed.State.IssueKey("alice", "Rotated by the other machine " + RotationState.MarkerFor(OtherRun));
            bed.Vault.Put(Secret, winners);
        };

        var result = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains($"'{Secret}' was overwritten meanwhile", result.Message);
        Assert.Contains("deleted its own new key", result.Message);
        Assert.True(bed.State.IsLive(oldKey), "the old key is never touched");
        Assert.False(bed.State.IsLive(ours!));
        Assert.Equal(winners, bed.Vault.Peek(Secret));
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));
        // Ours, so parked for the next run rather than left with a lease nobody renews.
        Assert.Null(RotationState.Parse(bed.Vault.Peek(State)!, State).Lease);
    }

    [Fact]
    public async Task Rotation_that_loses_the_claim_while_its_update_script_runs_keeps_its_new_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        string? ours = null;
        var updated = 0;

        var result = await bed.RotateAsync(Secret, r => r.UpdateScript = (_, _) =>
        {
            updated++;
            ours = bed.Vault.Peek(Pending);
            bed.Vault.Put(State, OtherMachinesState(bed, oldKey, RotationPhase.Creating).ToJson());
            return Task.CompletedTask;
        });

        // The update script handed the key on (a Kubernetes secret, say): deleting it would lock that out.
        Assert.Equal(1, updated);
        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("already handed on", result.Message);
        Assert.True(bed.State.IsLive(ours!));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.Equal(oldKey, bed.Vault.Peek(Secret));
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));
    }

    [Fact]
    public async Task Rotation_that_lost_the_claim_before_its_update_script_never_hands_the_key_on()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        var taken = ClaimTakenOnceTheNewKeyIsRecorded(bed, oldKey);
        var updated = 0;

        var result = await bed.RotateAsync(Secret, r => r.UpdateScript = (_, _) => { updated++; return Task.CompletedTask; });

        // The state is checked as the hand-on is recorded: another run holds it, so the script is never given the key.
        Assert.Equal(0, updated);
        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("took over", result.Message);
        Assert.Contains("deleted its own new key", result.Message);
        Assert.False(bed.State.IsLive(taken()!));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.Equal(oldKey, bed.Vault.Peek(Secret));
    }

    [Fact]
    public async Task Rotation_taken_over_by_a_run_resuming_it_leaves_its_new_key_to_that_run()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        string? ours = null;
        // Another machine judged this rotation abandoned and took its lease: same rotation, another run.
        bed.Vault.After = c =>
        {
            if (ours != null || !c.Is(VaultOp.Set, State) || !RecordsNewKey(bed)) return;
            ours = bed.Vault.Peek(Pending);
            var taken = RotationState.Parse(bed.Vault.Peek(State)!, State);
            taken.Lease = new LeaseOwner("other-host", 77, DateTimeOffset.UtcNow.AddHours(-1), OtherRun);
            taken.Heartbeat = DateTimeOffset.UtcNow;
            bed.Vault.Put(State, taken.ToJson());
        };

        var result = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("to that run, which finishes the rotation", result.Message);
        Assert.True(bed.State.IsLive(ours!));
        Assert.Equal(ours, bed.Vault.Peek(Pending));                     // the taker needs it
        Assert.Equal(oldKey, bed.Vault.Peek(Secret));

        // That run dies too; once its lease expires, the next run finishes with the very same key.
        bed.Vault.After = null;
        bed.ClockOffset = bed.Process.LeaseTimeout + TimeSpan.FromMinutes(1);
        var finished = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Resumed, finished.Status);
        Assert.Equal(ours, bed.AssertRotated(Secret, "alice", oldKey));
    }

    [Fact]
    public async Task Vault_that_answers_nothing_at_the_last_check_never_costs_the_new_key()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        string? ours = null;
        bed.Vault.After = c =>
        {
            if (ours != null || !IsPromoteReadBack(bed, c, oldKey)) return;
            ours = bed.Vault.Peek(Secret);
            bed.Vault.AnswersNothing = true;
        };

        var result = await bed.RotateAsync(Secret);

        // Neither the state nor the secret could be read: the run stops, but the key the secret may hold stays.
        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("could not be read", result.Message);
        Assert.True(bed.State.IsLive(ours!));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.Equal(ours, bed.Vault.Peek(Secret));
        Assert.Equal(ours, bed.Vault.Peek(Pending));

        bed.Vault.After = null;
        bed.Vault.AnswersNothing = false;
        var next = await bed.RotateAsync(Secret);

        Assert.Equal(RotationStatus.Resumed, next.Status);
        Assert.Equal(ours, bed.AssertRotated(Secret, "alice", oldKey));
    }

    [Fact]
    public async Task Cleared_state_taken_by_another_run_just_before_the_claim_changes_nothing()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        var planted = false;
        bed.Vault.Before = c =>
        {
            if (planted || !c.Is(VaultOp.Get, State)) return;
            planted = true;
            bed.Vault.Put(State, OtherMachinesState(bed, oldKey, RotationPhase.Creating).ToJson());
        };

        var result = await bed.RotateAsync(Secret);

        Assert.True(planted);
        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("already in progress", result.Message);
        Assert.Contains("other-host", result.Message);
        AssertUntouchedButForState(bed, oldKey);
    }

    [Fact]
    public async Task Claim_overwritten_before_it_is_read_back_changes_nothing()
    {
        await using var bed = await RotationBed.StartAsync();
        var oldKey = await RotatedOnceAsync(bed);
        var overwritten = false;
        bed.Vault.After = c =>
        {
            if (overwritten || !c.Is(VaultOp.Set, State)) return;
            overwritten = true;
            bed.Vault.Put(State, OtherMachinesState(bed, oldKey, RotationPhase.Creating).ToJson());
        };

        var result = await bed.RotateAsync(Secret);

        Assert.True(overwritten);
        Assert.Equal(RotationStatus.Failed, result.Status);
        Assert.Contains("already in progress", result.Message);
        AssertUntouchedButForState(bed, oldKey);
    }

    /// <summary>Rotates the secret once, so its helper secrets exist and are cleared; returns the key it now holds.</summary>
    private static async Task<string> RotatedOnceAsync(RotationBed bed)
    {
        var first = bed.SeedKey("alice", Secret);
        var result = await bed.RotateAsync(Secret);
        Assert.Equal(RotationStatus.Completed, result.Status);
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(State));
        return bed.AssertRotated(Secret, "alice", first);
    }

    /// <summary>The state write that records the new key's node id: the key is parked and about to be verified.</summary>
    private static bool RecordsNewKey(RotationBed bed) =>
        bed.Vault.Peek(State) is { } json && json != VaultSteps.Tombstone && RotationState.Parse(json, State).NewKeyNodeId != null;

    /// <summary>The promote's read-back: the secret holds the new key, and the old key is about to be deleted.</summary>
    private static bool IsPromoteReadBack(RotationBed bed, VaultCall call, string oldKey) =>
        call.Is(VaultOp.Get, Secret) && bed.Vault.Peek(Secret) is { } held && held != oldKey;

    /// <summary>The state a rotation of the same secret on another machine writes: its own run, a fresh heartbeat.</summary>
    /// <summary>Once the state records the new key, a run on another machine takes the state over; returns what pending held then.</summary>
    private static Func<string?> ClaimTakenOnceTheNewKeyIsRecorded(RotationBed bed, string oldKey)
    {
        string? ours = null;
        bed.Vault.After = c =>
        {
            if (ours != null || !c.Is(VaultOp.Set, State) || !RecordsNewKey(bed)) return;
            ours = bed.Vault.Peek(Pending);
            bed.Vault.Put(State, OtherMachinesState(bed, oldKey, RotationPhase.Creating).ToJson());
        };
        return () => ours;
    }

    private static RotationState OtherMachinesState(RotationBed bed, string oldKey, RotationPhase phase)
    {
        var old = bed.State.Keys("alice").Single(k => k.KeyId == bed.State.KeyIdOf(oldKey));
        return new RotationState
        {
            RunId = OtherRun,
            Marker = RotationState.MarkerFor(OtherRun),
            Lease = new LeaseOwner("other-host", 77, DateTimeOffset.UtcNow.AddHours(-1), OtherRun),
            Started = DateTimeOffset.UtcNow,
            Heartbeat = DateTimeOffset.UtcNow,
            Phase = phase,
            Owner = "alice",
            OldKeyId = old.KeyId,
            OldKeyNodeId = old.Id,
        };
    }

    /// <summary>Nothing changed but the state, which the other run holds: same key, no new key, no key parked.</summary>
    private static void AssertUntouchedButForState(RotationBed bed, string oldKey)
    {
        Assert.Equal(oldKey, bed.Vault.Peek(Secret));
        Assert.True(bed.State.IsLive(oldKey));
        Assert.Single(bed.State.Keys("alice"));
        Assert.Equal(VaultSteps.Tombstone, bed.Vault.Peek(Pending));
        Assert.Contains(OtherRun, bed.Vault.Peek(State));
    }
}
