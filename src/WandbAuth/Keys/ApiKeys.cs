using System;
using WandbAuth.Api;

namespace WandbAuth.Keys
{
    /// <summary>Turns the API's records into the public <see cref="ApiKey"/>.</summary>
    internal static class ApiKeys
    {
        public static ApiKey From(ApiKeyRecord record, UserRecord owner, Uri baseUrl, Func<string, bool> isCurrent) =>
            new ApiKey(record.KeyId, record.Description, baseUrl)
            {
                Id = record.Id,
                Owner = owner.Username,
                OwnerType = OwnerTypeOf(owner.AccountType),
                CreatedAt = record.CreatedAt,
                LastUsedAt = record.LastUsedAt,
                IsCurrent = isCurrent(record.KeyId),
            };

        /// <summary>W&amp;B's accountType ("USER", "SERVICE", ...); null when the server does not say.</summary>
        public static ApiKeyOwnerType? OwnerTypeOf(string? accountType)
        {
            if (string.IsNullOrEmpty(accountType)) return null;
            return accountType!.IndexOf("SERVICE", StringComparison.OrdinalIgnoreCase) >= 0
                ? ApiKeyOwnerType.ServiceAccount
                : ApiKeyOwnerType.User;
        }

        public static bool IsServiceAccount(string? accountType) => OwnerTypeOf(accountType) == ApiKeyOwnerType.ServiceAccount;
    }
}
