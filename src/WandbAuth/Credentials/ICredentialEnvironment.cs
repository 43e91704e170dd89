using System.Security;

namespace WandbAuth.Credentials
{
    /// <summary>What the lookup chain reads from the outside world; the cmdlet supplies the real one, tests a fake.</summary>
    internal interface ICredentialEnvironment
    {
        string? GetVariable(string name);
        string HomeDirectory { get; }
        /// <summary>The PowerShell location, which is where ./wandb/settings is looked for.</summary>
        string CurrentDirectory { get; }
        /// <summary>The file's text, or null when it does not exist.</summary>
        string? ReadFile(string path);
        /// <summary>The named secret from any registered vault, or null when SecretManagement or the secret is absent.</summary>
        VaultHit? FindVaultSecret(string secretName);
        /// <summary>Why no vault was consulted, or null when SecretManagement is present.</summary>
        string? VaultUnavailableReason { get; }
        /// <summary>Null when the host can prompt; otherwise why it cannot (no UI, pipeline agent, -NonInteractive).</summary>
        string? CannotPromptReason { get; }
        SecureString PromptForKey(string message);
    }

    internal sealed class VaultHit
    {
        public VaultHit(SecureString secret, string vault) { Secret = secret; Vault = vault; }
        public SecureString Secret { get; }
        public string Vault { get; }
    }
}
