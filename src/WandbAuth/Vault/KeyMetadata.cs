using System;
using System.Collections.Generic;
using System.Globalization;

namespace WandbAuth.Vault
{
    /// <summary>Metadata kept beside a stored key, all strings (Azure Key Vault tags take nothing else).</summary>
    internal static class KeyMetadata
    {
        public static IDictionary<string, string> For(string keyId, Uri baseUrl, string? owner, DateTime? createdAt = null)
        {
            var metadata = new Dictionary<string, string>
            {
                ["KeyId"] = keyId,
                ["BaseUrl"] = baseUrl.AbsoluteUri.TrimEnd('/'),
            };
            if (!string.IsNullOrEmpty(owner)) metadata["Owner"] = owner!;
            if (createdAt.HasValue) metadata["CreatedAt"] = createdAt.Value.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);
            return metadata;
        }
    }
}
