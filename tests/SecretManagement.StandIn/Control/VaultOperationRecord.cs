namespace SecretManagement.StandIn
{
    /// <summary>How a vault operation ended.</summary>
    public enum VaultOperationOutcome
    {
        /// <summary>The operation did what was asked (a write is committed; a read found the secret).</summary>
        Succeeded,

        /// <summary>A Get, Remove or SetInfo found no secret of that name.</summary>
        NotFound,

        /// <summary>
        /// The vault refused (a BeforeOperation hook returned an exception, or a vault rule such as
        /// "no metadata" rejected it). Nothing was changed.
        /// </summary>
        Failed,

        /// <summary>
        /// The write was committed, then an AfterOperation hook returned an exception, so the caller saw an
        /// error anyway (a vault that commits and then loses its reply).
        /// </summary>
        FailedAfterCommit,

        /// <summary>A hook threw, or a simulated crash stopped the call. Nothing was changed by this call.</summary>
        Crashed,
    }

    /// <summary>One entry of <see cref="StandInVaults.Operations"/>. Holds names only, never secret values.</summary>
    public sealed class VaultOperationRecord
    {
        internal VaultOperationRecord(
            long sequence, VaultOperationKind kind, string vault, string name, VaultOperationOutcome outcome)
        {
            Sequence = sequence;
            Kind = kind;
            Vault = vault;
            Name = name;
            Outcome = outcome;
        }

        // Only ever changed from Succeeded to FailedAfterCommit, under StandInVaults' lock.

        public long Sequence { get; }

        public VaultOperationKind Kind { get; }

        public string Vault { get; }

        public string Name { get; }

        public VaultOperationOutcome Outcome { get; internal set; }

        public bool Succeeded => Outcome == VaultOperationOutcome.Succeeded;

        /// <summary>Compact form for assertions, e.g. "Set Main/wandb-key Succeeded".</summary>
        public override string ToString() => $"{Kind} {Vault}/{Name} {Outcome}";
    }
}
