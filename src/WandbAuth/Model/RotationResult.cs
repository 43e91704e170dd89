using System;

namespace WandbAuth
{
    /// <summary>How one secret's rotation ended.</summary>
    public enum RotationStatus
    {
        /// <summary>The secret holds a new, verified key; the old key is deleted (or kept, with -KeepOldKey).</summary>
        Completed,
        /// <summary>An interrupted rotation of the secret was found and finished.</summary>
        Resumed,
        /// <summary>A step failed; the new key was deleted and the secret still holds the old key.</summary>
        RolledBack,
        /// <summary>Nothing was rotated, or the rotation stopped in a state the next run finishes (see Message).</summary>
        Failed,
    }

    /// <summary>What Invoke-WandbKeyRotation reports per secret. Key IDs only: never a key.</summary>
    public sealed class RotationResult
    {
        internal RotationResult(string secretName, string vault)
        {
            SecretName = secretName;
            Vault = vault;
        }

        public string SecretName { get; }
        public string Vault { get; }
        /// <summary>The username of the key's owner (a user or a service account).</summary>
        public string? Owner { get; internal set; }
        public string? OldKeyId { get; internal set; }
        public string? NewKeyId { get; internal set; }
        public RotationStatus Status { get; internal set; }
        public string Message { get; internal set; } = "";
        public TimeSpan Duration { get; internal set; }
        /// <summary>The error record's id when it is not the status's usual one (a refusal of its own kind).</summary>
        internal string? ErrorId { get; set; }

        public override string ToString() => $"{Vault}/{SecretName}: {Status}";
    }
}
