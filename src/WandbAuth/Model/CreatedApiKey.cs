using System;

namespace WandbAuth
{
    /// <summary>
    /// A key New-WandbApiKey just made: the one moment W&amp;B hands out its secret. <see cref="Key"/> holds it, a
    /// SecureString, or a String when the user asked with -AsPlainText; <see cref="Vault"/> and
    /// <see cref="SecretName"/> say where it was stored, and are null when it was stored nowhere.
    /// </summary>
    public sealed class CreatedApiKey : ApiKeyInfo
    {
        /// <summary>
        /// The extra type name of a key returned as plain text: its default view shows the key, once. The object
        /// is still a WandbAuth.CreatedApiKey for the pipeline.
        /// </summary>
        public const string PlainTextTypeName = "WandbAuth.CreatedApiKey#PlainText";

        internal CreatedApiKey(string keyId, string name, Uri baseUrl) : base(keyId, name, baseUrl) { }

        /// <summary>The SecretManagement vault the key was stored in; null when it was not stored.</summary>
        public string? Vault { get; internal set; }
        /// <summary>The secret the key was stored as; null when it was not stored.</summary>
        public string? SecretName { get; internal set; }
        /// <summary>The new key: a SecureString, or a String with -AsPlainText. W&amp;B never shows it again.</summary>
        public object Key { get; internal set; } = null!;
    }
}
