using System;

namespace WandbAuth
{
    /// <summary>Who owns a key: a person, or a team's service account.</summary>
    public enum ApiKeyOwnerType
    {
        User,
        ServiceAccount,
    }

    /// <summary>
    /// A W&amp;B API key as Get-WandbApiKey lists it and New-WandbApiKey creates it. Listings carry no secret:
    /// <see cref="KeyId"/> is the key's first part, the only part W&amp;B ever shows again. Only a key just created
    /// carries <see cref="Key"/>: a SecureString, or plain text when the user asked with -AsPlainText.
    /// </summary>
    public sealed class ApiKey
    {
        internal ApiKey(string keyId, string name, Uri baseUrl)
        {
            KeyId = keyId; Name = name; BaseUrl = baseUrl;
        }

        /// <summary>The key's first part, as the settings page lists it.</summary>
        public string KeyId { get; internal set; }
        /// <summary>The descriptive name given at creation ("Key name" on the settings page).</summary>
        public string Name { get; internal set; }
        /// <summary>Username of the user or service account the key belongs to.</summary>
        public string? Owner { get; internal set; }
        /// <summary>Null when the server does not say (its schema has no accountType).</summary>
        public ApiKeyOwnerType? OwnerType { get; internal set; }
        /// <summary>Null when the server has no such field (found by introspection) or does not know.</summary>
        public DateTime? CreatedAt { get; internal set; }
        /// <summary>Null when the server has no such field, or when the key was never used.</summary>
        public DateTime? LastUsedAt { get; internal set; }
        /// <summary>The GraphQL node id W&amp;B deletes the key by.</summary>
        public string? Id { get; internal set; }
        /// <summary>True for the key this session is connected with.</summary>
        public bool IsCurrent { get; internal set; }
        public Uri BaseUrl { get; internal set; }
        /// <summary>Where New-WandbApiKey stored the key; null otherwise.</summary>
        public string? Vault { get; internal set; }
        public string? SecretName { get; internal set; }
        /// <summary>
        /// Only on a key New-WandbApiKey just made: a SecureString, or a string with -AsPlainText. W&amp;B shows a
        /// secret once; listings never have it.
        /// </summary>
        public object? Key { get; internal set; }

        public override string ToString() => KeyId;
    }
}
