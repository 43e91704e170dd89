using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// What Get-SecretInfo writes. Same full type name and property names as the real module's class, so
    /// code that binds <c>Name</c> and <c>VaultName</c> by property name, or reads <c>Metadata</c>, behaves
    /// the same against the stand-in. It never carries the secret value.
    /// </summary>
    public sealed class SecretInformation
    {
        private static readonly ReadOnlyDictionary<string, object> NoMetadata =
            new ReadOnlyDictionary<string, object>(new Dictionary<string, object>());

        public SecretInformation(string name, SecretType type, string vaultName)
            : this(name, type, vaultName, NoMetadata)
        {
        }

        public SecretInformation(
            string name,
            SecretType type,
            string vaultName,
            ReadOnlyDictionary<string, object>? metadata)
        {
            Name = name;
            Type = type;
            VaultName = vaultName;
            Metadata = metadata ?? NoMetadata;
        }

        public string Name { get; }

        public SecretType Type { get; }

        public string VaultName { get; }

        public ReadOnlyDictionary<string, object> Metadata { get; }
    }
}
