using System.Linq;

namespace WandbAuth.Vault
{
    internal static class SecretStoreExtensions
    {
        public const string NoDefaultVault =
            "No vault is registered as the default. Give -Vault, or register one with Register-SecretVault -DefaultVault.";

        /// <summary>The vault Set-Secret uses when none is named, or null when none is the default.</summary>
        public static string? DefaultVault(this ISecretStore store) => store.Vaults().FirstOrDefault(v => v.IsDefault)?.Name;
    }
}
