namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// The kinds of secret a vault holds; same names and order as the real module's enum, because
    /// callers compare <c>SecretInformation.Type</c> against these names.
    /// </summary>
    public enum SecretType
    {
        Unknown = 0,
        ByteArray,
        String,
        SecureString,
        PSCredential,
        Hashtable,
    }
}
