using WandbAuth.Rotation;
using Xunit;

namespace WandbAuth.UnitTests.Rotation;

/// <summary>
/// The resume transition table, row by row, without PowerShell, a vault or a server. ResumeRowTests drives the rows
/// that no fault test reached through a real resume.
/// </summary>
public class RotationTableTests
{
    // Names, not the internal enums: a public test method cannot take internal types.
    public static TheoryData<string, string, string, string> Rows => new()
    {
        // Row 1: a pending key W&B rejects is cleared, whatever else holds.
        { "Creating", "OldKey", "KeyWandbRejects", "DiscardPending" },
        { "ScriptsPending", "NoWorkingKey", "KeyWandbRejects", "DiscardPending" },
        // Row 2: a rollback's undeleted key is discarded while S works, even another owner's.
        { "RollingBack", "OldKey", "NewKey", "DiscardPending" },
        { "RollingBack", "NewKey", "NewKey", "DiscardPending" },
        { "RollingBack", "OtherKey", "KeyOfAnotherOwner", "DiscardPending" },
        // Row 3: another owner's key in pending stops everything.
        { "Creating", "OldKey", "KeyOfAnotherOwner", "StopPendingOfAnotherOwner" },
        { "RollingBack", "NoWorkingKey", "KeyOfAnotherOwner", "StopPendingOfAnotherOwner" },
        // Row 4: promoted forward, scripts owed.
        { "ScriptsPending", "NewKey", "NewKey", "RunScriptsThenFinish" },
        // Row 5: promoted after the scripts.
        { "Creating", "NewKey", "NewKey", "Finish" },
        { "Creating", "NewKey", "Nothing", "Finish" },
        { "ScriptsPending", "NewKey", "Nothing", "Finish" },
        { "RollingBack", "NewKey", "Nothing", "Finish" },
        // Row 6: not promoted yet.
        { "Creating", "OldKey", "NewKey", "VerifyAgain" },
        { "ScriptsPending", "OldKey", "NewKey", "VerifyAgain" },
        // Row 7: only the pending key works, even a rollback's.
        { "Creating", "NoWorkingKey", "NewKey", "PromoteForward" },
        { "RollingBack", "NoWorkingKey", "NewKey", "PromoteForward" },
        // Row 8: someone else wrote S.
        { "Creating", "OtherKey", "NewKey", "StopForeignKeyInSecret" },
        // Row 9: no new key to carry on with.
        { "Creating", "OldKey", "Nothing", "DeleteMarkedAndRestart" },
        { "RollingBack", "OtherKey", "Nothing", "DeleteMarkedAndRestart" },
        // Row 10: nothing works.
        { "Creating", "NoWorkingKey", "Nothing", "StopNoWorkingKey" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_row_decides_its_action(string phase, string secret, string pending, string expected) =>
        Assert.Equal(Enum.Parse<ResumeAction>(expected),
            RotationTable.Decide(Enum.Parse<RotationPhase>(phase), Enum.Parse<SecretHolds>(secret), Enum.Parse<PendingHolds>(pending)).Action);

    [Fact]
    public void Every_combination_of_phase_secret_and_pending_has_a_row()
    {
        foreach (var phase in Enum.GetValues<RotationPhase>())
        foreach (var secret in new[] { SecretHolds.OldKey, SecretHolds.NewKey, SecretHolds.OtherKey, SecretHolds.NoWorkingKey })
        foreach (var pending in new[] { PendingHolds.Nothing, PendingHolds.NewKey, PendingHolds.KeyOfAnotherOwner, PendingHolds.KeyWandbRejects })
            Assert.NotNull(RotationTable.Decide(phase, secret, pending));
    }

    [Fact]
    public void Every_row_decides_at_least_one_combination()
    {
        var used = new HashSet<TransitionRow>();
        foreach (var phase in Enum.GetValues<RotationPhase>())
        foreach (var secret in new[] { SecretHolds.OldKey, SecretHolds.NewKey, SecretHolds.OtherKey, SecretHolds.NoWorkingKey })
        foreach (var pending in new[] { PendingHolds.Nothing, PendingHolds.NewKey, PendingHolds.KeyOfAnotherOwner, PendingHolds.KeyWandbRejects })
            used.Add(RotationTable.Decide(phase, secret, pending));

        Assert.Equal(RotationTable.Rows.Length, used.Count);
    }

    [Fact]
    public void Discarding_the_pending_key_leads_to_a_row_without_one()
    {
        // The resume clears the pending secret and looks again with pending = Nothing: that never asks to discard again.
        foreach (var phase in Enum.GetValues<RotationPhase>())
        foreach (var secret in new[] { SecretHolds.OldKey, SecretHolds.NewKey, SecretHolds.OtherKey, SecretHolds.NoWorkingKey })
            Assert.NotEqual(ResumeAction.DiscardPending, RotationTable.Decide(phase, secret, PendingHolds.Nothing).Action);
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("Promoted")]
    [InlineData("DeleteOldPending")]
    public void Phases_earlier_versions_wrote_are_read_as_Creating(string phase)
    {
        var json = new RotationState { RunId = "0123456789abcdef", Marker = "[wandbauth:0123456789abcdef]", Phase = RotationPhase.ScriptsPending }
            .ToJson().Replace("\"ScriptsPending\"", $"\"{phase}\"");

        Assert.Equal(RotationPhase.Creating, RotationState.Parse(json, "WandbApiKey-WandbRotation").Phase);
    }
}
