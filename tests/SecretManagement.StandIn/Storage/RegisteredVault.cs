using System;
using System.Collections.Generic;

namespace SecretManagement.StandIn.Storage
{
    /// <summary>
    /// One registered vault and its secrets. Not thread-safe by itself: StandInVaults only touches it under
    /// its lock.
    /// </summary>
    internal sealed class RegisteredVault
    {
        internal RegisteredVault(string name, VaultKind kind)
        {
            Name = name;
            Kind = kind;
        }

        internal string Name { get; }

        internal VaultKind Kind { get; }

        /// <summary>The extension module a real vault of this kind would name in Get-SecretVault.</summary>
        internal string ModuleName => Kind switch
        {
            VaultKind.Full => "Microsoft.PowerShell.SecretStore",
            VaultKind.AzureKeyVaultLike => "Az.KeyVault",
            _ => "SecretManagement.StandIn.NoMetadata",
        };

        internal Dictionary<string, StoredSecret> Secrets { get; } =
            new Dictionary<string, StoredSecret>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Names removed from a vault that soft-deletes (Azure Key Vault): not listed or readable, and not
        /// writable again until purged.
        /// </summary>
        internal HashSet<string> SoftDeleted { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    }
}
