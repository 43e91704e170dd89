using System;
using System.Linq;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Session
{
    /// <summary>
    /// Where Connect-Wandb -SaveToVault stores the key: settled, and SecretManagement and the vault checked, before
    /// any key is looked for, so nobody pastes a key at a prompt that then cannot be kept.
    /// </summary>
    internal sealed class SaveTarget
    {
        private SaveTarget(string vault, string secretName, bool isDefaultName)
        {
            Vault = vault; SecretName = secretName; IsDefaultName = isDefaultName;
        }

        public string Vault { get; }
        public string SecretName { get; }
        /// <summary>The name Connect-Wandb looks for on its own for this server.</summary>
        public bool IsDefaultName { get; }

        /// <summary>-Vault (which must be registered), else the default vault; -SecretName, else the server's default name.</summary>
        public static SaveTarget For(string? vault, string? secretName, Uri baseUrl, ISecretStore vaults)
        {
            if (vaults.UnavailableReason is string why)
                throw new VaultException($"Cannot save the key with -SaveToVault: {why}. No key was asked for or stored.");
            var registered = vaults.Vaults();
            string target;
            if (vault != null)
                target = registered.FirstOrDefault(v => string.Equals(v.Name, vault, StringComparison.OrdinalIgnoreCase))?.Name
                    ?? throw new VaultException($"Cannot save the key with -SaveToVault: no vault named '{vault}' is registered (Get-SecretVault lists them). No key was asked for or stored.");
            else
                target = vaults.DefaultVault()
                    ?? throw new VaultException("Cannot save the key with -SaveToVault. " + SecretStoreExtensions.NoDefaultVault + " No key was asked for or stored.");
            var defaultName = HostUrl.SecretNameFor(baseUrl);
            return new SaveTarget(target, secretName ?? defaultName, secretName == null || string.Equals(secretName, defaultName, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>What the user is told once the key is stored: where, and how the next session finds it.</summary>
        public string Stored(string keyId)
        {
            var next = IsDefaultName
                ? "Connect-Wandb finds it there next time."
                : $"Next time: Connect-Wandb -SecretName {SecretName}.";
            return $"Saved key {keyId} in vault '{Vault}' as secret '{SecretName}'. {next}";
        }

        public override string ToString() => $"{Vault}/{SecretName}";
    }
}
