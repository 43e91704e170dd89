using System.Collections.Generic;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// What Get-SecretVault writes; the real module's property names (Name, ModuleName, ModulePath,
    /// Description, VaultParameters, IsDefault).
    /// </summary>
    public sealed class SecretVaultInfo
    {
        internal SecretVaultInfo(
            string name,
            string moduleName,
            string modulePath,
            IReadOnlyDictionary<string, object> vaultParameters,
            bool isDefault)
        {
            Name = name;
            ModuleName = moduleName;
            ModulePath = modulePath;
            Description = string.Empty;
            VaultParameters = vaultParameters;
            IsDefault = isDefault;
        }

        public string Name { get; }

        public string ModuleName { get; }

        public string ModulePath { get; }

        public string Description { get; }

        public IReadOnlyDictionary<string, object> VaultParameters { get; }

        public bool IsDefault { get; }
    }
}
