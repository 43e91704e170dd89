using System;
using System.Collections.Generic;
using System.Security;

namespace WandbAuth.Api
{
    /// <summary>One API key as W&amp;B lists it: Name is the key ID (its first part), never the secret.</summary>
    internal sealed class ApiKeyRecord
    {
        public string Id { get; set; } = "";
        public string KeyId { get; set; } = "";
        public string Description { get; set; } = "";
        public DateTime? CreatedAt { get; set; }
        public DateTime? LastUsedAt { get; set; }
    }

    internal sealed class ViewerInfo
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }
        public string Username { get; set; } = "";
        public string? Email { get; set; }
        public bool Admin { get; set; }
        public string? Entity { get; set; }
        public IReadOnlyList<ApiKeyRecord> ApiKeys { get; set; } = Array.Empty<ApiKeyRecord>();
        public IReadOnlyList<string> Teams { get; set; } = Array.Empty<string>();
    }

    /// <summary>A user or service account with its keys, from users(query) (organization admins).</summary>
    internal sealed class UserRecord
    {
        public string Id { get; set; } = "";
        public string Username { get; set; } = "";
        public string? Email { get; set; }
        public bool Admin { get; set; }
        /// <summary>Null when the server's User type has no accountType field.</summary>
        public string? AccountType { get; set; }
        public IReadOnlyList<ApiKeyRecord> ApiKeys { get; set; } = Array.Empty<ApiKeyRecord>();
    }

    internal sealed class TeamMember
    {
        public string Id { get; set; } = "";
        public string Username { get; set; } = "";
        public string? Email { get; set; }
        public bool Admin { get; set; }
        public string? AccountType { get; set; }
    }

    /// <summary>A key just created: the only moment W&amp;B hands out the whole secret.</summary>
    internal sealed class NewApiKey
    {
        public NewApiKey(string id, string description, SecureString secret) { Id = id; Description = description; Secret = secret; }
        public string Id { get; }
        public string Description { get; }
        public SecureString Secret { get; }
    }

    /// <summary>Which optional fields this server has, found by introspection once per connection.</summary>
    internal sealed class SchemaFeatures
    {
        public string? ApiKeyCreatedField { get; set; }
        public string? ApiKeyLastUsedField { get; set; }
        public bool UserHasAccountType { get; set; }
    }
}
