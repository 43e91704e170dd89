using System;
using System.Security;

namespace WandbAuth.Session
{
    /// <summary>What Connect-Wandb was asked, free of PowerShell types.</summary>
    internal sealed class ConnectRequest
    {
        public Uri? BaseUrl { get; set; }
        public bool Cloud { get; set; }
        public bool Relogin { get; set; }
        public string? Entity { get; set; }
        public bool AllowUnencrypted { get; set; }
        /// <summary>A key given directly (-ApiKey, or -Credential's password).</summary>
        public SecureString? Key { get; set; }
        /// <summary>Read the key from this vault secret instead of the lookup chain.</summary>
        public bool FromVault { get; set; }
        public string? Vault { get; set; }
        public string? SecretName { get; set; }
    }
}
