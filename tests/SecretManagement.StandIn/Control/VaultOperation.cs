namespace SecretManagement.StandIn
{
    /// <summary>
    /// One vault call about to happen (or just committed), as seen by the fault hooks. Never carries the
    /// secret value.
    /// </summary>
    public sealed class VaultOperation
    {
        internal VaultOperation(long sequence, VaultOperationKind kind, string vault, string name, int attempt)
        {
            Sequence = sequence;
            Kind = kind;
            Vault = vault;
            Name = name;
            Attempt = attempt;
        }

        /// <summary>1-based position among all operations since the last Reset.</summary>
        public long Sequence { get; }

        public VaultOperationKind Kind { get; }

        /// <summary>The vault's registered name.</summary>
        public string Vault { get; }

        /// <summary>The secret name as the caller gave it (for GetInfo, the name pattern).</summary>
        public string Name { get; }

        /// <summary>
        /// 1-based count of operations of this Kind on this Name (case-insensitive, any vault) since the last
        /// Reset, this one included: "the 2nd Set of X" is <c>Kind == Set &amp;&amp; Name == "X" &amp;&amp; Attempt == 2</c>.
        /// </summary>
        public int Attempt { get; }

        public override string ToString() => $"#{Sequence} {Kind} {Vault}/{Name} (attempt {Attempt})";
    }
}
