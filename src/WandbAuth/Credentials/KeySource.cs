namespace WandbAuth.Credentials
{
    /// <summary>
    /// Where the credential a connection uses came from: a key (the first six), or for keyless sign-in an identity token,
    /// from a file (-IdentityTokenFile, WANDB_IDENTITY_TOKEN_FILE) or from Azure Pipelines (-AzureDevOpsServiceConnection).
    /// </summary>
    public enum KeySource { Parameter, SecretVault, EnvironmentVariable, SettingsFile, Netrc, Prompt, IdentityToken, AzureDevOps }

    /// <summary>A key and where it was found. SourceDetail names the place (variable, file, vault/secret), never the key.</summary>
    internal sealed class FoundKey
    {
        public FoundKey(CheckedKey key, KeySource source, string sourceDetail)
        {
            Key = key; Source = source; SourceDetail = sourceDetail;
        }
        public CheckedKey Key { get; }
        public KeySource Source { get; }
        public string SourceDetail { get; }
    }
}
