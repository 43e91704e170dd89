using System;
using System.Linq;

namespace WandbAuth.Rotation
{
    /// <summary>What the secret S holds when an interrupted rotation is resumed, as W&amp;B judges it.</summary>
    [Flags]
    internal enum SecretHolds
    {
        /// <summary>The key the rotation replaces (W&amp;B accepts it and lists it under the state's old node id).</summary>
        OldKey = 1,
        /// <summary>The rotation's new key: the pending key, or the key listed under the state's new node id.</summary>
        NewKey = 2,
        /// <summary>A key W&amp;B accepts that is neither: someone else wrote S.</summary>
        OtherKey = 4,
        /// <summary>Nothing W&amp;B accepts: S is missing, holds no key, or a key W&amp;B rejects.</summary>
        NoWorkingKey = 8,

        WorkingKey = OldKey | NewKey | OtherKey,
        Any = WorkingKey | NoWorkingKey,
    }

    /// <summary>What the pending secret S-WandbPending holds, as W&amp;B judges it.</summary>
    [Flags]
    internal enum PendingHolds
    {
        /// <summary>Absent, cleared, or not shaped like a key.</summary>
        Nothing = 1,
        /// <summary>A key W&amp;B accepts as the rotation's owner: the new key.</summary>
        NewKey = 2,
        /// <summary>A key W&amp;B accepts as somebody else.</summary>
        KeyOfAnotherOwner = 4,
        /// <summary>A key W&amp;B rejects (deleted already): nothing to keep.</summary>
        KeyWandbRejects = 8,

        AnyKey = NewKey | KeyOfAnotherOwner | KeyWandbRejects,
        Any = Nothing | AnyKey,
    }

    /// <summary>The recorded phases a row matches.</summary>
    [Flags]
    internal enum PhaseSet
    {
        Creating = 1,
        ScriptsPending = 2,
        RollingBack = 4,
        Any = Creating | ScriptsPending | RollingBack,
    }

    /// <summary>What a resume does next.</summary>
    internal enum ResumeAction
    {
        /// <summary>Clear the pending secret, then look the table up again with pending = Nothing.</summary>
        DiscardPending,
        /// <summary>S holds the new key and the scripts have run: hand it on, delete the old key, clean up.</summary>
        Finish,
        /// <summary>S holds the new key but the scripts still owe a run: run them, then finish.</summary>
        RunScriptsThenFinish,
        /// <summary>S still holds the old key and pending the new one: verify, scripts, promote, finish, as a fresh run would.</summary>
        VerifyAgain,
        /// <summary>Only the pending key works: promote it first (there is nothing to roll back to), then scripts, then finish.</summary>
        PromoteForward,
        /// <summary>No new key to carry on with: delete whatever carries the run's marker, forget the state, rotate afresh.</summary>
        DeleteMarkedAndRestart,
        /// <summary>Stop, changing nothing: the pending secret holds another owner's key.</summary>
        StopPendingOfAnotherOwner,
        /// <summary>Stop, changing nothing: S holds a key that is neither the old nor the new one.</summary>
        StopForeignKeyInSecret,
        /// <summary>Stop, changing nothing: neither S nor pending holds a key W&amp;B accepts.</summary>
        StopNoWorkingKey,
    }

    /// <summary>One row: when the recorded phase, S and the pending secret are each among the given ones, do that.</summary>
    internal sealed class TransitionRow
    {
        public TransitionRow(PhaseSet phase, SecretHolds secret, PendingHolds pending, ResumeAction action, string why)
        {
            Phase = phase; Secret = secret; Pending = pending; Action = action; Why = why;
        }

        public PhaseSet Phase { get; }
        public SecretHolds Secret { get; }
        public PendingHolds Pending { get; }
        public ResumeAction Action { get; }
        public string Why { get; }

        public bool Matches(RotationPhase phase, SecretHolds secret, PendingHolds pending) =>
            (Phase & RotationTable.SetOf(phase)) != 0 && (Secret & secret) != 0 && (Pending & pending) != 0;

        public override string ToString() => $"{Phase} x {Secret} x {Pending} -> {Action}";
    }

    /// <summary>
    /// How an interrupted rotation goes on: (recorded phase) x (what S holds) x (what the pending secret holds), each
    /// judged by W&amp;B, decides the next action. Rows are read top to bottom and the first match wins; every
    /// combination matches some row (RotationTableTests proves it).
    /// </summary>
    internal static class RotationTable
    {
        public static readonly TransitionRow[] Rows =
        {
            //  recorded phase           S holds                    pending holds                 action
            new TransitionRow(PhaseSet.Any,         SecretHolds.Any,          PendingHolds.KeyWandbRejects,   ResumeAction.DiscardPending,
                "a key W&B rejects is worth nothing: clear it"),
            new TransitionRow(PhaseSet.RollingBack, SecretHolds.WorkingKey,   PendingHolds.AnyKey,            ResumeAction.DiscardPending,
                "a rollback's undeleted key is never promoted while S works; DeleteMarkedAndRestart deletes it by its marker"),
            new TransitionRow(PhaseSet.Any,         SecretHolds.Any,          PendingHolds.KeyOfAnotherOwner, ResumeAction.StopPendingOfAnotherOwner,
                "someone else's key is not ours to promote or delete"),
            new TransitionRow(PhaseSet.ScriptsPending, SecretHolds.NewKey,    PendingHolds.NewKey,            ResumeAction.RunScriptsThenFinish,
                "promoted forward: the old key may go only after the scripts succeed"),
            new TransitionRow(PhaseSet.Any,         SecretHolds.NewKey,       PendingHolds.NewKey | PendingHolds.Nothing, ResumeAction.Finish,
                "promoted after the scripts ran (pending already cleared: clean-up had begun)"),
            new TransitionRow(PhaseSet.Any,         SecretHolds.OldKey,       PendingHolds.NewKey,            ResumeAction.VerifyAgain,
                "not promoted: the scripts may not have finished, so verify and run them again"),
            new TransitionRow(PhaseSet.Any,         SecretHolds.NoWorkingKey, PendingHolds.NewKey,            ResumeAction.PromoteForward,
                "the pending key is the only working key: store it before anything else"),
            new TransitionRow(PhaseSet.Any,         SecretHolds.OtherKey,     PendingHolds.NewKey,            ResumeAction.StopForeignKeyInSecret,
                "S was written by someone else: overwriting it could lock them out"),
            new TransitionRow(PhaseSet.Any,         SecretHolds.OldKey | SecretHolds.OtherKey, PendingHolds.Nothing, ResumeAction.DeleteMarkedAndRestart,
                "the new key never reached the vault (or was discarded): only marked keys nobody holds may exist"),
            new TransitionRow(PhaseSet.Any,         SecretHolds.NoWorkingKey, PendingHolds.Nothing,           ResumeAction.StopNoWorkingKey,
                "nothing works to go on with; change nothing"),
        };

        /// <summary>The first row matching the inputs.</summary>
        public static TransitionRow Decide(RotationPhase phase, SecretHolds secret, PendingHolds pending) =>
            Rows.FirstOrDefault(r => r.Matches(phase, secret, pending))
            ?? throw new InvalidOperationException($"The rotation table has no row for {phase} x {secret} x {pending}.");

        public static PhaseSet SetOf(RotationPhase phase) => phase switch
        {
            RotationPhase.ScriptsPending => PhaseSet.ScriptsPending,
            RotationPhase.RollingBack => PhaseSet.RollingBack,
            _ => PhaseSet.Creating,
        };
    }
}
