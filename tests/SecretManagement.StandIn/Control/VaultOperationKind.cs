namespace SecretManagement.StandIn
{
    /// <summary>The calls a SecretManagement cmdlet makes into a vault; what the operation log records.</summary>
    public enum VaultOperationKind
    {
        /// <summary>Read one secret (Get-Secret, and Set-Secret -NoClobber's existence check).</summary>
        Get,

        /// <summary>Write one secret, with or without metadata (Set-Secret).</summary>
        Set,

        /// <summary>Delete one secret (Remove-Secret).</summary>
        Remove,

        /// <summary>List secrets matching a name pattern (Get-SecretInfo); Name is the pattern.</summary>
        GetInfo,

        /// <summary>Replace one secret's metadata (Set-SecretInfo).</summary>
        SetInfo,
    }
}
