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
        /// <summary>-Vault and -SecretName: where to read the key (FromVault), or where to store it (SaveToVault).</summary>
        public string? Vault { get; set; }
        public string? SecretName { get; set; }
        /// <summary>Keyless: the file holding an identity token (-IdentityTokenFile), a full path.</summary>
        public string? IdentityTokenFile { get; set; }
        /// <summary>Keyless from Azure Pipelines: the service connection's id or name (-AzureDevOpsServiceConnection).</summary>
        public string? AzureDevOpsServiceConnection { get; set; }
        /// <summary>Store the key found in a vault; the target is checked before any key is looked for.</summary>
        public bool SaveToVault { get; set; }
    }
}
