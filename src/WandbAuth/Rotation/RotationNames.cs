namespace WandbAuth.Rotation
{
    /// <summary>
    /// The secrets a rotation of S works with. Suffixes use only letters and '-', so any name Azure Key Vault
    /// accepts for S stays acceptable; state lives in secrets because some vaults keep no metadata.
    /// </summary>
    internal sealed class RotationNames
    {
        public RotationNames(string secret)
        {
            Secret = secret;
            State = secret + "-WandbRotation";
            Pending = secret + "-WandbPending";
        }

        /// <summary>S: the key everybody uses.</summary>
        public string Secret { get; }
        /// <summary>JSON describing the rotation in progress: no secrets.</summary>
        public string State { get; }
        /// <summary>The new key until it is promoted into S.</summary>
        public string Pending { get; }
    }
}
