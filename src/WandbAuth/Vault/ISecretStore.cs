using System.Collections.Generic;
using System.Security;

namespace WandbAuth.Vault
{
    /// <summary>
    /// What WandbAuth needs of SecretManagement. The real implementation calls its public cmdlets; rotation tests
    /// use an in-memory one. Calls happen on the pipeline thread, or on a vault worker's thread in its own runspace.
    /// </summary>
    internal interface ISecretStore
    {
        /// <summary>Null when SecretManagement is usable; otherwise why not, for messages.</summary>
        string? UnavailableReason { get; }
        /// <summary>The vault holding a secret of this exact name (the default vault first), or null.</summary>
        string? FindVault(string name);
        SecureString? Get(string name, string vault);
        bool Exists(string name, string vault);
        /// <summary>Stores a key. Metadata is attached when the vault takes it; returns whether it did.</summary>
        bool Set(string name, string vault, SecureString value, IDictionary<string, string>? metadata, bool noClobber);
        /// <summary>Stores non-secret text, such as rotation state, that every vault can hold.</summary>
        void SetText(string name, string vault, string value);
        string? GetText(string name, string vault);
        void Remove(string name, string vault);
        IReadOnlyList<VaultInfo> Vaults();
        IReadOnlyList<string> SecretNames(string vault);
    }

    internal sealed class VaultInfo
    {
        public VaultInfo(string name, bool isDefault) { Name = name; IsDefault = isDefault; }
        public string Name { get; }
        public bool IsDefault { get; }
    }

    /// <summary>A vault operation that failed; the message is the vault's own, which never carries a secret value.</summary>
    internal sealed class VaultException : System.Exception
    {
        public VaultException(string message, System.Exception? inner = null) : base(message, inner) { }
    }
}
