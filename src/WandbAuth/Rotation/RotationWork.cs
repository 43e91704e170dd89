using System.Security;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// What one rotation knows as it goes. Never changed in place: each step takes one and hands on a new one, so what a
    /// step may rely on is what it was given.
    /// </summary>
    internal sealed class RotationWork
    {
        /// <summary>The state this run holds (claimed or taken over); null before the claim and once it is given up.</summary>
        public RotationState? State { get; private set; }
        /// <summary>The key being replaced, when this run read it; a resume may never see it.</summary>
        public SecureString? OldKey { get; private set; }
        /// <summary>The new key once created (or found in the pending secret or S by a resume).</summary>
        public SecureString? NewKey { get; private set; }
        /// <summary>For the result: the owner and the key IDs, as far as known.</summary>
        public string? Owner { get; private set; }
        public string? OldKeyId { get; private set; }
        public string? NewKeyId { get; private set; }
        /// <summary>An update script or the "new key stored" hand-on was given the new key: deleting it would lock them out.</summary>
        public bool HandedOn { get; private set; }
        /// <summary>The new key was promoted before the scripts ran (PromoteForward): a script failure must not roll back.</summary>
        public bool PromotedForward { get; private set; }
        /// <summary>This run finishes an interrupted rotation: a completion is reported as Resumed.</summary>
        public bool Resumed { get; private set; }
        /// <summary>Sentences added to the final message (keys deleted on the way, a failed hand-on).</summary>
        public string Notes { get; private set; } = "";

        public static readonly RotationWork Start = new RotationWork();

        public RotationWork WithState(RotationState? state) => Copy(w => w.State = state);

        public RotationWork WithOldKey(SecureString? key, string? keyId) => Copy(w => { w.OldKey = key; w.OldKeyId = keyId; });

        public RotationWork WithOwner(string owner) => Copy(w => w.Owner = owner);

        public RotationWork WithNewKey(SecureString? key, string? keyId) => Copy(w => { w.NewKey = key; w.NewKeyId = keyId; });

        /// <summary>The new key is deleted: the result no longer names it.</summary>
        public RotationWork WithoutNewKeyId() => Copy(w => w.NewKeyId = null);

        public RotationWork HandingOn() => Copy(w => w.HandedOn = true);

        public RotationWork AfterForwardPromote() => Copy(w => w.PromotedForward = true);

        /// <summary>Taking over an interrupted rotation: what this run read of the secret so far does not carry over.</summary>
        public RotationWork Resuming(RotationState state) => Copy(w =>
        {
            w.Resumed = true; w.State = state; w.Owner = state.Owner; w.OldKeyId = state.OldKeyId;
            w.OldKey = null; w.NewKey = null; w.NewKeyId = null;
        });

        public RotationWork WithNote(string note) => Copy(w => w.Notes = (w.Notes + " " + note).Trim());

        private RotationWork Copy(System.Action<RotationWork> change)
        {
            var copy = (RotationWork)MemberwiseClone();
            change(copy);
            return copy;
        }
    }

    /// <summary>The steps of a rotation; each names the one that follows it (SecretRotation.StepAsync runs them).</summary>
    internal enum RotationStep
    {
        Begin, Create, Verify, Scripts, Promote, HandOn, DeleteOld, CleanUp,
        Resume, PromoteForward,
    }

    /// <summary>Where a step led: the next step and what it hands on, or the end with its outcome.</summary>
    internal readonly struct Next
    {
        private Next(RotationStep? step, RotationWork work, RotationOutcome outcome) { Step = step; Work = work; Outcome = outcome; }

        public RotationStep? Step { get; }
        public RotationWork Work { get; }
        public RotationOutcome Outcome { get; }

        public static Next To(RotationStep step, RotationWork work) => new Next(step, work, default);
        public static Next End(RotationOutcome outcome, RotationWork work) => new Next(null, work, outcome);
    }
}
