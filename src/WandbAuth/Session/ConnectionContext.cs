using System;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;

namespace WandbAuth.Session
{
    /// <summary>
    /// The working parts behind a Connection: its key, one transport (one HttpClient) and the schema features
    /// found for its server. Other keys for the same server (rotation) reuse the transport.
    /// </summary>
    internal sealed class ConnectionContext : IDisposable
    {
        public ConnectionContext(Uri baseUrl, CheckedKey key, ClientOptions? options = null, System.Net.Http.HttpMessageHandler? handler = null)
        {
            Key = key;
            Transport = new HttpTransport(baseUrl, options ?? new ClientOptions(), handler);
            Features = new SchemaFeatureCache();
            Api = For(key.Key);
        }

        private ConnectionContext(CheckedKey key, HttpTransport transport, SchemaFeatureCache features)
        {
            Key = key; Transport = transport; Features = features;
            Api = For(key.Key);
        }

        /// <summary>
        /// The same server, transport and learnt features as another key: for a session whose key was rotated. The two
        /// share the transport, so only the one left in use is ever disposed.
        /// </summary>
        public ConnectionContext WithKey(CheckedKey key) => new ConnectionContext(key, Transport, Features);

        public CheckedKey Key { get; }
        public HttpTransport Transport { get; }
        public SchemaFeatureCache Features { get; }
        public WandbApi Api { get; }
        public Uri BaseUrl => Transport.BaseUrl;

        /// <summary>The API as another key on this server (a rotated secret's own key, say).</summary>
        public WandbApi For(SecureString key) => new WandbApi(new GraphQLClient(Transport, BasicAuth.For(key)), Features);

        /// <summary>True when a listed key ID is this connection's key.</summary>
        public bool IsCurrentKey(string keyId) => KeyIds.Identifies(Key.Key, keyId);

        /// <summary>The server's key ID for this connection's key, among those the viewer lists.</summary>
        public string? ServerKeyId(ViewerInfo viewer) =>
            viewer.ApiKeys.Select(k => k.KeyId).Where(IsCurrentKey).OrderByDescending(k => k.Length).FirstOrDefault();

        public Task<ViewerInfo> GetViewerAsync(CancellationToken ct) => Api.GetViewerAsync(ct);

        public void Dispose() => Transport.Dispose();
    }
}
