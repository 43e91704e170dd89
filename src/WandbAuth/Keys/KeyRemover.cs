using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;
using static WandbAuth.Api.Blocking;

namespace WandbAuth.Keys
{
    /// <summary>A key ready to delete: its node id, key ID and owner, resolved from a listing.</summary>
    internal sealed class KeyToRemove
    {
        public KeyToRemove(string id, string keyId, string name, string? owner)
        {
            Id = id; KeyId = keyId; Name = name; Owner = owner;
        }
        public string Id { get; }
        public string KeyId { get; }
        public string Name { get; }
        public string? Owner { get; }

        public override string ToString() =>
            $"{KeyId}{(Name.Length > 0 ? $" ('{Name}')" : "")}{(Owner != null ? $" of {Owner}" : "")}";
    }

    /// <summary>The one rule Remove-WandbApiKey never breaks on its own: the session's key stays unless -Force.</summary>
    internal static class RemovalGuard
    {
        /// <returns>Why the key may not be deleted, or null when it may.</returns>
        public static string? Refusal(string keyId, bool isCurrentKey, bool force) =>
            isCurrentKey && !force
                ? $"Key {keyId} is the key this session is connected with. Deleting it would sign you out of every script and pipeline that uses it. Connect with another key first, or give -Force to delete it anyway."
                : null;
    }

    /// <summary>
    /// Resolves key IDs to the node ids deleteApiKey takes, from listings read once per command (the caller's own
    /// keys; another user's when one is named, which needs an organization admin), and deletes them.
    /// </summary>
    internal sealed class KeyRemover
    {
        private readonly IKeyApi _api;
        private readonly KeyLister _lister;
        private UserRecord? _viewer;
        private readonly Dictionary<string, UserRecord> _users = new Dictionary<string, UserRecord>(StringComparer.OrdinalIgnoreCase);

        public KeyRemover(IKeyApi api, Func<string, bool> isCurrent)
        {
            _api = api;
            _lister = new KeyLister(api, isCurrent);
        }

        private string Server => _api.BaseUrl.GetLeftPart(UriPartial.Authority);

        public KeyToRemove Resolve(string keyId, string? user, CancellationToken ct)
        {
            var viewer = _viewer ??= Run(_api.GetViewerKeysAsync(ct));
            var owner = user == null || IsViewer(viewer, user) ? viewer : OwnerNamed(user, ct);
            var wanted = KeyIds.FromUserInput(keyId);
            var key = owner.ApiKeys.FirstOrDefault(k => string.Equals(k.KeyId, wanted, StringComparison.Ordinal));
            if (key == null)
            {
                var whose = owner == viewer ? "your keys" : $"the keys of '{owner.Username}'";
                var hint = owner == viewer && viewer.Admin ? " To delete another user's key, give -User or pipe it from Get-WandbApiKey -User." : "";
                throw new KeyOperationException(KeyProblem.NotFound, $"There is no key with key ID '{keyId}' among {whose} at {Server}.{hint}");
            }
            return new KeyToRemove(key.Id, key.KeyId, key.Description, owner.Username);
        }

        /// <summary>A key object (listed or just created) already carries its node id: nothing to look up.</summary>
        public KeyToRemove FromObject(ApiKeyInfo key)
        {
            if (!Uri.Equals(Normalize(key.BaseUrl), Normalize(_api.BaseUrl)))
                throw new KeyOperationException(KeyProblem.WrongServer,
                    $"Key {key.KeyId} is a key of {key.BaseUrl.GetLeftPart(UriPartial.Authority)}, but this connection is to {Server}. Pass -Connection for that server.");
            if (string.IsNullOrEmpty(key.Id))
                throw new KeyOperationException(KeyProblem.NotFound, $"Key {key.KeyId} carries no node id to delete it by; pass its -KeyId instead.");
            return new KeyToRemove(key.Id!, key.KeyId, key.Name ?? "", key.Owner);
        }

        public void Delete(KeyToRemove key, CancellationToken ct)
        {
            try
            {
                Run(_api.DeleteApiKeyAsync(key.Id, ct));
            }
            catch (WandbApiException e) when (e.Kind == ApiErrorKind.NotFound)
            {
                throw new KeyOperationException(KeyProblem.NotFound, $"Key {key} no longer exists at {Server}: {e.Message}", e);
            }
        }

        private UserRecord OwnerNamed(string user, CancellationToken ct)
        {
            if (!_users.TryGetValue(user, out var owner)) _users[user] = owner = _lister.FindUser(user, ct);
            return owner;
        }

        private static bool IsViewer(UserRecord viewer, string user) =>
            string.Equals(viewer.Username, user, StringComparison.OrdinalIgnoreCase) || string.Equals(viewer.Email, user, StringComparison.OrdinalIgnoreCase);

        private static Uri Normalize(Uri u) => new Uri(u.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }
}
