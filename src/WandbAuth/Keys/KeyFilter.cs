using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WandbAuth.Api;
using WandbAuth.Credentials;

namespace WandbAuth.Keys
{
    /// <summary>
    /// Get-WandbApiKey's filters: -Name (wildcards on the descriptive name), -KeyId (wildcards), -Search (part of
    /// name, key ID or owner, case-insensitive, like the settings page's search box), and the stale-key audits
    /// -NotUsedSince and -CreatedBefore.
    /// </summary>
    internal sealed class KeyFilter
    {
        private readonly WildcardPattern? _name;
        private readonly List<WildcardPattern> _keyIds;
        /// <summary>Key IDs without wildcards no key has matched yet, each with the text the user gave.</summary>
        private readonly Dictionary<string, string> _exactKeyIdsUnseen = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly string? _search;
        private readonly DateTime? _notUsedSince;
        private readonly DateTime? _createdBefore;

        public KeyFilter(string? name = null, IEnumerable<string>? keyIds = null, string? search = null,
            DateTime? notUsedSince = null, DateTime? createdBefore = null)
        {
            _name = string.IsNullOrEmpty(name) ? null : WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            // Key IDs are case-sensitive parts of a secret, given with or without wandb_v1_ (KeyIds); a whole key is refused.
            var ids = (keyIds ?? Enumerable.Empty<string>()).Where(k => !string.IsNullOrEmpty(k)).Select(k => (Given: k, Id: KeyIds.FromUserInput(k))).ToList();
            _keyIds = ids.Select(k => WildcardPattern.Get(k.Id, WildcardOptions.None)).ToList();
            foreach (var (given, id) in ids.Where(k => !WildcardPattern.ContainsWildcardCharacters(k.Id))) _exactKeyIdsUnseen[id] = given;
            _search = string.IsNullOrEmpty(search) ? null : search;
            _notUsedSince = notUsedSince.HasValue ? Utc(notUsedSince.Value) : (DateTime?)null;
            _createdBefore = createdBefore.HasValue ? Utc(createdBefore.Value) : (DateTime?)null;
        }

        public bool UsesLastUsed => _notUsedSince.HasValue;
        public bool UsesCreated => _createdBefore.HasValue;

        /// <summary>Refuses a date filter the server cannot answer, rather than letting every key (or none) through.</summary>
        public void RequireSupport(SchemaFeatures features, Uri baseUrl)
        {
            var server = baseUrl.GetLeftPart(UriPartial.Authority);
            if (UsesLastUsed && features.ApiKeyLastUsedField == null)
                throw new KeyOperationException(KeyProblem.FilterUnsupported,
                    $"W&B at {server} does not say when keys were last used (its ApiKey type has no such field), so -NotUsedSince cannot be applied. List without it and judge by -CreatedBefore or by name.");
            if (UsesCreated && features.ApiKeyCreatedField == null)
                throw new KeyOperationException(KeyProblem.FilterUnsupported,
                    $"W&B at {server} does not say when keys were created (its ApiKey type has no such field), so -CreatedBefore cannot be applied.");
        }

        public bool Matches(ApiKey key)
        {
            if (_name != null && !_name.IsMatch(key.Name ?? "")) return false;
            if (_keyIds.Count > 0 && !_keyIds.Any(p => p.IsMatch(key.KeyId))) return false;
            if (_search != null && !Contains(key.Name, _search) && !Contains(key.KeyId, _search) && !Contains(key.Owner, _search)) return false;
            // A key never used counts as not used since any date.
            if (_notUsedSince.HasValue && key.LastUsedAt.HasValue && Utc(key.LastUsedAt.Value) >= _notUsedSince.Value) return false;
            // A key whose creation date the server does not give cannot be shown to be old.
            if (_createdBefore.HasValue && (!key.CreatedAt.HasValue || Utc(key.CreatedAt.Value) >= _createdBefore.Value)) return false;
            _exactKeyIdsUnseen.Remove(key.KeyId);
            return true;
        }

        /// <summary>
        /// The -KeyId values without wildcards that no key matched so far: once a listing is read, each is an
        /// ObjectNotFound, as Get-Item reports a path that is not there.
        /// </summary>
        public IEnumerable<string> ExactKeyIdsNotFound => _exactKeyIdsUnseen.Values;

        private static bool Contains(string? text, string part) =>
            text != null && text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>A date typed at the prompt is local (or unspecified, taken as local); the server's are UTC.</summary>
        private static DateTime Utc(DateTime d) => d.Kind == DateTimeKind.Utc ? d : d.ToUniversalTime();
    }
}
