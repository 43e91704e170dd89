using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using SecretManagement.StandIn.Storage;

namespace SecretManagement.StandIn
{
    // Direct access to vault contents for arranging and asserting. None of these run the fault hooks, the
    // vault-kind rules or the operation log: they are the test's hand, not a SecretManagement call.
    public static partial class StandInVaults
    {
        /// <summary>
        /// Stores a secret as Set-Secret would (a string is kept as SecureString), replacing any secret of that
        /// name (and a soft-deleted one). Metadata values are kept as given, without the vault kind's rules.
        /// </summary>
        public static void Seed(string vault, string name, object secret, Hashtable? metadata = null)
        {
            var value = SecretValues.NormalizeForStorage(secret);
            var copy = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            if (metadata != null)
            {
                foreach (DictionaryEntry entry in metadata)
                {
                    copy[entry.Key.ToString()!] = SecretValues.Unwrap(entry.Value)!;
                }
            }

            lock (Sync)
            {
                var target = RequireLocked(vault);
                target.Secrets[name] =
                    new StoredSecret(name, value, new System.Collections.ObjectModel.ReadOnlyDictionary<string, object>(copy));

                // A live secret and a soft-deleted one never share a name in Key Vault.
                target.SoftDeleted.Remove(name);
            }
        }

        /// <summary>
        /// Purges a soft-deleted secret (Remove-AzKeyVaultSecret -InRemovedState) so its name can be written
        /// again. Returns false when no secret of that name is in the deleted state. Only AzureKeyVaultLike
        /// vaults soft-delete.
        /// </summary>
        public static bool Purge(string vault, string name)
        {
            lock (Sync)
            {
                return RequireLocked(vault).SoftDeleted.Remove(name);
            }
        }

        /// <summary>A copy of the stored secret (SecureString for strings), or null when absent.</summary>
        public static object? Peek(string vault, string name)
        {
            lock (Sync)
            {
                return RequireLocked(vault).Secrets.TryGetValue(name, out var stored)
                    ? SecretValues.CopyOut(stored.Value)
                    : null;
            }
        }

        /// <summary>The stored string or SecureString secret as plain text, or null when absent.</summary>
        public static string? PeekPlainText(string vault, string name) => Peek(vault, name) switch
        {
            null => null,
            SecureString secure => SecretValues.ToPlainText(secure),
            string text => text,
            var other => throw new InvalidOperationException(
                $"Secret {name} in vault {vault} is a {other.GetType().Name}, not a string."),
        };

        /// <summary>The stored metadata (empty when none), or null when the secret is absent.</summary>
        public static IReadOnlyDictionary<string, object>? PeekMetadata(string vault, string name)
        {
            lock (Sync)
            {
                return RequireLocked(vault).Secrets.TryGetValue(name, out var stored) ? stored.Metadata : null;
            }
        }

        public static bool Contains(string vault, string name)
        {
            lock (Sync)
            {
                return RequireLocked(vault).Secrets.ContainsKey(name);
            }
        }

        /// <summary>The names stored in a vault, sorted ordinally.</summary>
        public static IReadOnlyList<string> SecretNames(string vault)
        {
            lock (Sync)
            {
                return RequireLocked(vault).Secrets.Values
                    .Select(s => s.Name)
                    .OrderBy(n => n, StringComparer.Ordinal)
                    .ToList();
            }
        }
    }
}
