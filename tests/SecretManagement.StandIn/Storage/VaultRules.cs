using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace SecretManagement.StandIn.Storage
{
    /// <summary>
    /// What each vault kind refuses, modelled on the real vaults so that code which only works against a
    /// lenient vault fails here too. Each method returns the refusal instead of throwing, because the
    /// cmdlets report refusals as non-terminating error records.
    /// </summary>
    internal static class VaultRules
    {
        private const int AzureTagLimit = 15;
        private static readonly Regex AzureName = new Regex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant);

        internal static Exception? CheckNameForWrite(RegisteredVault vault, string name)
        {
            if (vault.Kind == VaultKind.AzureKeyVaultLike && !AzureName.IsMatch(name))
            {
                return new ArgumentException(
                    $"Secret name '{name}' is not valid in vault {vault.Name}: an Azure Key Vault secret name " +
                    "is 1-127 characters of 0-9, a-z, A-Z and '-'.");
            }

            if (vault.SoftDeleted.Contains(name))
            {
                // Az.KeyVault's wording for a write to a soft-deleted name (HTTP 409 Conflict).
                return new InvalidOperationException(
                    $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; " +
                    "in this state, the secret can only be recovered or purged.");
            }

            return null;
        }

        /// <summary>
        /// Removes a secret. Azure Key Vault soft-deletes (on by default, and it cannot be turned off): the
        /// name stays taken until the deleted secret is purged (StandInVaults.Purge).
        /// </summary>
        internal static bool Remove(RegisteredVault vault, string name)
        {
            if (!vault.Secrets.Remove(name))
            {
                return false;
            }

            if (vault.Kind == VaultKind.AzureKeyVaultLike)
            {
                vault.SoftDeleted.Add(name);
            }

            return true;
        }

        /// <summary>
        /// Validates metadata for the vault and returns the read-only copy to store. A null table means
        /// "no metadata" and is always accepted. <paramref name="refusalWhenUnsupported"/> is the real
        /// module's wording for the calling cmdlet.
        /// </summary>
        internal static Exception? TryConvertMetadata(
            RegisteredVault vault,
            Hashtable? metadata,
            string refusalWhenUnsupported,
            out ReadOnlyDictionary<string, object> converted)
        {
            converted = Empty;
            if (metadata == null)
            {
                return null;
            }

            if (vault.Kind == VaultKind.NoMetadata)
            {
                return new PSNotSupportedException(refusalWhenUnsupported);
            }

            if (vault.Kind == VaultKind.AzureKeyVaultLike && metadata.Count > AzureTagLimit)
            {
                return new ArgumentException(
                    $"Vault {vault.Name} accepts at most {AzureTagLimit} metadata entries (Key Vault tags); got {metadata.Count}.");
            }

            var copy = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in metadata)
            {
                var key = entry.Key?.ToString() ?? string.Empty;
                var value = SecretValues.Unwrap(entry.Value);
                var refusal = CheckMetadataValue(vault, key, value);
                if (refusal != null)
                {
                    return refusal;
                }

                copy[key] = value!;
            }

            converted = new ReadOnlyDictionary<string, object>(copy);
            return null;
        }

        internal static ReadOnlyDictionary<string, object> Empty { get; } =
            new ReadOnlyDictionary<string, object>(new Dictionary<string, object>());

        private static Exception? CheckMetadataValue(RegisteredVault vault, string key, object? value)
        {
            if (vault.Kind == VaultKind.AzureKeyVaultLike)
            {
                return value is string
                    ? null
                    : new ArgumentException(
                        $"Metadata '{key}' in vault {vault.Name} must be a string (Key Vault tags are strings); " +
                        $"got {TypeName(value)}.");
            }

            // SecretStore's documented metadata types.
            return value is string || value is int || value is DateTime
                ? null
                : new ArgumentException(
                    $"Metadata '{key}' in vault {vault.Name} has unsupported type {TypeName(value)}; " +
                    "supported types are string, int and DateTime.");
        }

        private static string TypeName(object? value) => value?.GetType().FullName ?? "null";
    }
}
