using System;

namespace WandbAuth
{
    /// <summary>
    /// What every W&amp;B API key object carries, listed or just created: its key ID, descriptive name, owner,
    /// server and the node id W&amp;B deletes it by. Remove-WandbApiKey takes any of them from the pipeline.
    /// </summary>
    public abstract class ApiKeyInfo
    {
        private protected ApiKeyInfo(string keyId, string name, Uri baseUrl)
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
        /// <summary>The GraphQL node id W&amp;B deletes the key by.</summary>
        public string? Id { get; internal set; }
        public Uri BaseUrl { get; internal set; }

        public override string ToString() => KeyId;
    }
}
