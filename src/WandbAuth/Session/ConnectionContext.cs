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
    /// The working parts behind a Connection: its key, or for keyless sign-in the access token source that exchanges
    /// identity tokens; one transport (one HttpClient); and the schema features found for its server. Other keys for the
    /// same server (rotation) reuse the transport.
    /// </summary>
    internal sealed class ConnectionContext : IDisposable
    {
        private readonly IDisposable? _identitySource;

        public ConnectionContext(Uri baseUrl, CheckedKey key, ClientOptions? options = null, System.Net.Http.HttpMessageHandler? handler = null)
        {
            Key = key;
            Transport = new HttpTransport(baseUrl, options ?? new ClientOptions(), handler);
            Features = new SchemaFeatureCache();
            Api = ApiFor(key);
        }

        /// <summary>Keyless: requests carry an access token for the identity tokens <paramref name="identity"/> gives.</summary>
        public ConnectionContext(Uri baseUrl, IIdentityTokenSource identity, ClientOptions? options = null, System.Net.Http.HttpMessageHandler? handler = null)
        {
            Transport = new HttpTransport(baseUrl, options ?? new ClientOptions(), handler);
            Features = new SchemaFeatureCache();
            Tokens = new AccessTokenSource(identity, new TokenExchange(Transport), Transport.Options.Clock);
            _identitySource = identity as IDisposable;
            Api = new WandbApi(new GraphQLClient(Transport, Tokens), Features);
        }

        private ConnectionContext(CheckedKey key, HttpTransport transport, SchemaFeatureCache features)
        {
            Key = key; Transport = transport; Features = features;
            Api = ApiFor(key);
        }

        /// <summary>
        /// The same server, transport and learnt features as another key: for a session whose key was rotated. The two
        /// share the transport, so only the one left in use is ever disposed.
        /// </summary>
        public ConnectionContext WithKey(CheckedKey key) => new ConnectionContext(key, Transport, Features);

        /// <summary>The API key; null for keyless sign-in.</summary>
        public CheckedKey? Key { get; }
        /// <summary>Keyless sign-in's access tokens; null with an API key.</summary>
        public AccessTokenSource? Tokens { get; }
        public bool IsKeyless => Tokens != null;
        public HttpTransport Transport { get; }
        public SchemaFeatureCache Features { get; }
        public WandbApi Api { get; }
        public Uri BaseUrl => Transport.BaseUrl;

        // A wb_at_ access token goes as Bearer, every key as Basic (wandb/sdk/lib/wbauth/auth.py, as_requests_auth).
        private WandbApi ApiFor(CheckedKey key) => new WandbApi(new GraphQLClient(Transport, key.Kind == ApiKeyKind.AccessToken
            ? FixedAuthorization.AccessToken(BearerAuth.For(key.Key)) : FixedAuthorization.ApiKey(BasicAuth.For(key.Key))), Features);

        /// <summary>The API as another key on this server (a rotated secret's own key, say).</summary>
        public WandbApi For(SecureString key) => new WandbApi(new GraphQLClient(Transport, BasicAuth.For(key)), Features);

        /// <summary>True when a listed key ID is this connection's key (never, keyless).</summary>
        public bool IsCurrentKey(string keyId) => Key != null && KeyIds.Identifies(Key.Key, keyId);

        /// <summary>The server's key ID for this connection's key, among those the viewer lists.</summary>
        public string? ServerKeyId(ViewerInfo viewer) =>
            viewer.ApiKeys.Select(k => k.KeyId).Where(IsCurrentKey).OrderByDescending(k => k.Length).FirstOrDefault();

        /// <summary>Keyless: the first identity token exchange, so a refused token fails Connect-Wandb itself. Nothing to do with a key.</summary>
        public Task SignInAsync(CancellationToken ct) => Tokens?.SignInAsync(ct) ?? Task.CompletedTask;

        public Task<ViewerInfo> GetViewerAsync(CancellationToken ct) => Api.GetViewerAsync(ct);

        public void Dispose()
        {
            Tokens?.Dispose();
            _identitySource?.Dispose();
            Transport.Dispose();
        }
    }
}
