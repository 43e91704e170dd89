namespace WandbAuth.Credentials
{
    /// <summary>Where the key a connection uses came from.</summary>
    public enum KeySource { Parameter, SecretVault, EnvironmentVariable, SettingsFile, Netrc, Prompt }

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
