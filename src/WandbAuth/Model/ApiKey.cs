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
    /// A W&amp;B API key as Get-WandbApiKey lists it. Listings carry no secret: <see cref="ApiKeyInfo.KeyId"/> is
    /// the key's first part, the only part W&amp;B ever shows again. A key just made is a <see cref="CreatedApiKey"/>.
    /// </summary>
    public sealed class ApiKey : ApiKeyInfo
    {
        internal ApiKey(string keyId, string name, Uri baseUrl) : base(keyId, name, baseUrl) { }

        /// <summary>Null when the server has no such field, or when the key was never used.</summary>
        public DateTime? LastUsedAt { get; internal set; }
        /// <summary>True for the key this session is connected with.</summary>
        public bool IsCurrent { get; internal set; }
    }
}
