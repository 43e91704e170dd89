using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Rotation
{
    /// <summary>One secret to rotate and what to do along the way. Free of PowerShell types.</summary>
    internal sealed class RotationRequest
    {
        public RotationRequest(string secretName, string vault, RotationServer server)
        {
            SecretName = secretName; Vault = vault; Server = server;
        }

        public string SecretName { get; }
        public string Vault { get; }
        /// <summary>The server the key belongs to; the rotation acts as the secret's own keys on it.</summary>
        public RotationServer Server { get; }
        /// <summary>The new key's descriptive name; null for "Rotated &lt;time&gt;Z from &lt;old key ID&gt;".</summary>
        public string? NewKeyName { get; set; }
        public bool KeepOldKey { get; set; }
        /// <summary>An extra check of the new key, before it replaces the old one. Throwing rolls back.</summary>
        public Func<SecureString, CancellationToken, Task>? TestScript { get; set; }
        /// <summary>Updates other places with the new key, before it replaces the old one. Throwing rolls back.</summary>
        public Func<SecureString, CancellationToken, Task>? UpdateScript { get; set; }
        /// <summary>Told what each step does, for -Verbose. Key IDs and names only.</summary>
        public Action<string>? Note { get; set; }
        /// <summary>The session's connection, switched to the new key when the rotation replaces its key.</summary>
        public ISessionKey? Session { get; set; }
        /// <summary>Told the new key once the secret holds it (the Azure DevOps variable). Failures are reported, not rolled back.</summary>
        public Func<SecureString, CancellationToken, Task>? NewKeyStored { get; set; }
    }
}
