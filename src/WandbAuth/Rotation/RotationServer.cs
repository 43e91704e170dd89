using System;
using System.Security;
using WandbAuth.Api;
using WandbAuth.Session;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// A W&amp;B server as the rotation needs it: one transport, on which it acts as whichever key it holds.
    /// Over a connection it reuses the connection's HttpClient; without one it opens its own (and owns it).
    /// The connection's own key is never used: a rotation acts as the secret's keys.
    /// </summary>
    internal sealed class RotationServer : IDisposable
    {
        private readonly Func<SecureString, WandbApi> _as;
        private readonly IDisposable? _owned;

        private RotationServer(Uri baseUrl, Func<SecureString, WandbApi> @as, IDisposable? owned)
        {
            BaseUrl = baseUrl; _as = @as; _owned = owned;
        }

        public Uri BaseUrl { get; }

        public WandbApi As(SecureString key) => _as(key);

        public static RotationServer Over(ConnectionContext connection) => new RotationServer(connection.BaseUrl, connection.For, null);

        public static RotationServer Open(Uri baseUrl, ClientOptions? options = null)
        {
            var transport = new HttpTransport(baseUrl, options ?? new ClientOptions());
            var features = new SchemaFeatureCache();
            return new RotationServer(baseUrl, key => new WandbApi(new GraphQLClient(transport, BasicAuth.For(key)), features), transport);
        }

        public void Dispose() => _owned?.Dispose();
    }
}
