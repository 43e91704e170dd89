namespace SecretManagement.StandIn
{
    /// <summary>How a stand-in vault behaves; each models a family of real extension vaults.</summary>
    public enum VaultKind
    {
        /// <summary>Like Microsoft.PowerShell.SecretStore: stores metadata (string, int and DateTime values).</summary>
        Full,

        /// <summary>
        /// Like extension vaults written before metadata existed: Set-Secret with -Metadata and Set-SecretInfo
        /// fail, and Get-SecretInfo reports empty metadata.
        /// </summary>
        NoMetadata,

        /// <summary>
        /// Like Az.KeyVault: secret names must match ^[0-9a-zA-Z-]+$ (at most 127 characters) and metadata
        /// (Key Vault tags) takes string values only, at most 15 of them. Remove-Secret soft-deletes: until
        /// <see cref="StandInVaults.Purge"/>, Set-Secret of that name fails ("… is currently in a deleted but
        /// recoverable state …").
        /// </summary>
        AzureKeyVaultLike,
    }
}
