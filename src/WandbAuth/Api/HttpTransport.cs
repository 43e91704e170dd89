using System;
using System.Net.Http;

namespace WandbAuth.Api
{
    /// <summary>
    /// One HttpClient per connection, reused for every request so calls share pooled TCP connections.
    /// Redirects are not followed: a key is never re-sent to wherever a server points.
    /// </summary>
    internal sealed class HttpTransport : IDisposable
    {
        public HttpTransport(Uri baseUrl, ClientOptions options, HttpMessageHandler? handler = null)
        {
            BaseUrl = baseUrl;
            Options = options;
            Http = NewClient(baseUrl, options.UserAgent, handler);
            // Sent by the SDK's public API too (wandb PR #12009): lets an admin's key see what admins may see.
            Http.DefaultRequestHeaders.TryAddWithoutValidation("Use-Admin-Privileges", "true");
            Endpoint = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/graphql");
        }

        public Uri BaseUrl { get; }
        public Uri Endpoint { get; }
        public ClientOptions Options { get; }
        public HttpClient Http { get; }

        /// <summary>
        /// An HttpClient for requests that carry a secret to <paramref name="target"/>'s server: no redirects followed, no
        /// cookies, plain HTTP never through a proxy, no client-wide timeout.
        /// </summary>
        internal static HttpClient NewClient(Uri target, string userAgent, HttpMessageHandler? handler)
        {
            var inner = handler ?? new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                // A proxy would read a plain-HTTP request, Authorization header and all: plain HTTP always goes direct.
                // HTTPS keeps the system proxy (HTTPS_PROXY, the OS settings), which sees only an encrypted tunnel.
                UseProxy = target.Scheme == Uri.UriSchemeHttps,
            };
            // Timeouts are per attempt (see HttpAttempts); the client's own must not cut retries short.
            var http = new HttpClient(inner, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
            return http;
        }

        public void Dispose() => Http.Dispose();
    }
}
