using System;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;

namespace WandbAuth.Rotation
{
    /// <summary>A key as its own viewer sees it: owner, and its entry (key ID, node id) in the owner's listing.</summary>
    internal sealed class KeyOnServer
    {
        public KeyOnServer(string owner, string? keyId, string? nodeId) { Owner = owner; KeyId = keyId; NodeId = nodeId; }
        public string Owner { get; }
        public string? KeyId { get; }
        public string? NodeId { get; }
    }

    /// <summary>
    /// The server calls of a rotation, each made as a given key: generateApiKey creates a key for its caller,
    /// so acting as the secret's own key makes the new key belong to the same user or service account.
    /// </summary>
    internal sealed class ServerSteps
    {
        private readonly RotationServer _server;

        public ServerSteps(RotationServer server) { _server = server; }

        public Uri BaseUrl => _server.BaseUrl;

        /// <summary>Who the key belongs to and which listed key it is (the entry whose key ID is the key's longest listed prefix).</summary>
        public async Task<KeyOnServer> IdentifyAsync(SecureString key, CancellationToken ct)
        {
            var viewer = await _server.As(key).GetViewerAsync(ct).ConfigureAwait(false);
            var entry = viewer.ApiKeys.Where(k => KeyIds.Identifies(key, k.KeyId))
                                      .OrderByDescending(k => k.KeyId.Length).FirstOrDefault();
            return new KeyOnServer(viewer.Username, entry?.KeyId, entry?.Id);
        }

        /// <summary>As IdentifyAsync, or null when the server rejects the key. Other failures throw.</summary>
        public async Task<KeyOnServer?> IdentifyIfValidAsync(SecureString key, CancellationToken ct)
        {
            try { return await IdentifyAsync(key, ct).ConfigureAwait(false); }
            catch (WandbApiException e) when (e.Kind == ApiErrorKind.KeyRejected) { return null; }
        }

        /// <summary>
        /// Creates the caller's next key. When the answer is lost the key may exist with nobody holding it:
        /// delete whatever carries this run's marker, then try once more.
        /// </summary>
        public async Task<NewApiKey> CreateAsync(SecureString asKey, string description, string marker, CancellationToken ct)
        {
            var api = _server.As(asKey);
            try { return await api.GenerateApiKeyAsync(description, ct).ConfigureAwait(false); }
            catch (WandbApiException e) when (IsAmbiguous(e))
            {
                await DeleteMarkedAsync(asKey, marker, ct).ConfigureAwait(false);
            }
            return await api.GenerateApiKeyAsync(description, ct).ConfigureAwait(false);
        }

        /// <summary>Deletes the caller's keys whose description carries the marker; returns how many.</summary>
        public async Task<int> DeleteMarkedAsync(SecureString asKey, string marker, CancellationToken ct)
        {
            var api = _server.As(asKey);
            var viewer = await api.GetViewerAsync(ct).ConfigureAwait(false);
            int deleted = 0;
            foreach (var key in viewer.ApiKeys.Where(k => k.Description.IndexOf(marker, StringComparison.Ordinal) >= 0))
            {
                await DeleteAsync(asKey, key.Id, ct).ConfigureAwait(false);
                deleted++;
            }
            return deleted;
        }

        /// <summary>Deletes a key by node id. A key that is already gone counts as deleted: resumed runs repeat deletes.</summary>
        public async Task DeleteAsync(SecureString asKey, string nodeId, CancellationToken ct)
        {
            try { await _server.As(asKey).DeleteApiKeyAsync(nodeId, ct).ConfigureAwait(false); }
            catch (WandbApiException e) when (e.Kind == ApiErrorKind.NotFound) { }
        }

        // A lost or unreadable answer, or one without the key: the server may have created one (GraphQLClient.Unusable).
        private static bool IsAmbiguous(WandbApiException e) => e.Kind == ApiErrorKind.OutcomeUnknown;
    }
}
