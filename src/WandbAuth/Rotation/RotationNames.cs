using System;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// The secrets a rotation of S works with. Suffixes use only letters and '-', so any name Azure Key Vault
    /// accepts for S stays acceptable; state lives in secrets because some vaults keep no metadata.
    /// </summary>
    internal sealed class RotationNames
    {
        private const string StateSuffix = "-WandbRotation", PendingSuffix = "-WandbPending";

        public RotationNames(string secret)
        {
            Secret = secret;
            State = secret + StateSuffix;
            Pending = secret + PendingSuffix;
        }

        /// <summary>
        /// Whether <paramref name="name"/> is another secret's state or pending secret. They stay in the vault once
        /// used (cleared, never removed), so a pattern such as 'Wandb*' finds them beside the keys.
        /// </summary>
        public static bool IsHelper(string name, out string secret)
        {
            foreach (var suffix in new[] { StateSuffix, PendingSuffix })
            {
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    secret = name.Substring(0, name.Length - suffix.Length);
                    return true;
                }
            }
            secret = "";
            return false;
        }

        /// <summary>S: the key everybody uses.</summary>
        public string Secret { get; }
        /// <summary>JSON describing the rotation in progress: no secrets.</summary>
        public string State { get; }
        /// <summary>The new key until it is promoted into S.</summary>
        public string Pending { get; }
    }
}
