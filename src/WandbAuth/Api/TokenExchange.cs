using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WandbAuth.Credentials;

namespace WandbAuth.Api
{
    /// <summary>A W&amp;B access token from an identity token exchange, and how long W&amp;B said it lasts (null: it did not say).</summary>
    internal sealed class AccessTokenGrant
    {
        public AccessTokenGrant(SecureString token, TimeSpan? expiresIn) { Token = token; ExpiresIn = expiresIn; }
        public SecureString Token { get; }
        public TimeSpan? ExpiresIn { get; }
    }

    /// <summary>
    /// The identity token exchange (the RFC 7523 JWT bearer grant) as wandb-core makes it (core/internal/api/credentials.go,
    /// fetchAccessToken): POST {base}/oidc/token, form body grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and
    /// assertion=&lt;the JWT, URL-escaped&gt;, no Authorization header. Only HTTP 200 counts; its JSON carries access_token and
    /// expires_in (seconds). Any 4xx but 429 is final (isExchangeRejection); the rest is retried within
    /// <see cref="ClientOptions.TokenExchangeLimits"/>: 10 s an attempt, 60 s in all, as wandb-core bounds it.
    /// </summary>
    internal sealed class TokenExchange
    {
        private const string Purpose = "the identity token exchange";
        /// <summary>A token answer is a few hundred bytes; an error a few more.</summary>
        private const long ReplyLimit = 64 * 1024;
        private static readonly byte[] GrantPrefix = Encoding.ASCII.GetBytes("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=");

        private readonly HttpTransport _transport;

        public TokenExchange(HttpTransport transport)
        {
            _transport = transport;
            Endpoint = new Uri(transport.BaseUrl.AbsoluteUri.TrimEnd('/') + "/oidc/token");
        }

        public Uri Endpoint { get; }

        private ClientOptions Options => _transport.Options;

        private string Authority => _transport.BaseUrl.GetLeftPart(UriPartial.Authority);

        public Task<AccessTokenGrant> ExchangeAsync(IdentityToken token, string origin, CancellationToken ct) =>
            HttpAttempts.SendAsync(_transport.Http, Options.TokenExchangeLimits, new AttemptPlan<AccessTokenGrant>(
                _ => Task.FromResult(Request(token.Jwt)),
                GrantAsync,
                (response, attempts, attemptToken) => RejectionAsync(response, token, origin, attempts, attemptToken, ct),
                (failure, _, attempts) => HttpAttempts.NotAnswered($"W&B at {Authority}", _transport.BaseUrl, Purpose, Options.TokenExchangeLimits, failure, attempts),
                isMutation: false), ct);

        private HttpRequestMessage Request(SecureString jwt)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = FormBody(jwt) };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }

        /// <summary>
        /// The form body, built from the SecureString and cleared when sent. The JWT goes as it is: IdentityToken.Parse admits
        /// only base64url characters and dots, which form encoding (url.QueryEscape in wandb-core) leaves unchanged.
        /// </summary>
        private static HttpContent FormBody(SecureString jwt) => SecretText.Use(jwt, chars =>
        {
            var bytes = new byte[GrantPrefix.Length + chars.Length];
            GrantPrefix.CopyTo(bytes, 0);
            Encoding.ASCII.GetBytes(chars, 0, chars.Length, bytes, GrantPrefix.Length);
            var content = new ClearedOnDispose(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return (HttpContent)content;
        });

        private async Task<AccessTokenGrant> GrantAsync(HttpResponseMessage response, CancellationToken attemptToken)
        {
            using (response)
            {
                var (token, body) = await SecretReply.ReadAsync(response, "access_token", ReplyLimit, (what, status, tooLarge) =>
                    new WandbApiException(tooLarge != null ? ApiErrorKind.ReplyTooLarge : ApiErrorKind.InvalidResponse, _transport.BaseUrl,
                        $"W&B at {Authority} answered {Purpose} {what}. A proxy or gateway may be in the way; check -BaseUrl.", status, tooLarge),
                    attemptToken).ConfigureAwait(false);
                return new AccessTokenGrant(SecretText.ToSecureString(token), Lifetime(body["expires_in"]));
            }
        }

        /// <summary>
        /// The longest lifetime believed. W&amp;B's access tokens are short-lived; a larger expires_in (a broken server, a
        /// proxy) is read as a day, so the token is still renewed daily and the clock plus the lifetime stays a date.
        /// </summary>
        internal static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

        /// <summary>expires_in in seconds (wandb-core reads an integer, the Python SDK any number), at most a day; anything else: not said.</summary>
        private static TimeSpan? Lifetime(JToken? value)
        {
            double seconds;
            if (value == null) return null;
            if (value.Type == JTokenType.Integer || value.Type == JTokenType.Float) seconds = (double)value;
            else if (value.Type != JTokenType.String || !double.TryParse((string?)value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)) return null;
            if (!(seconds > 0)) return null; // zero, negative or NaN
            return seconds < MaxLifetime.TotalSeconds ? TimeSpan.FromSeconds(seconds) : MaxLifetime;
        }

        private async Task<Exception> RejectionAsync(HttpResponseMessage response, IdentityToken token, string origin, int attempts,
            CancellationToken attemptToken, CancellationToken ct)
        {
            int status = (int)response.StatusCode;
            var what = $"W&B at {Authority} answered HTTP {status} ({response.ReasonPhrase}) to {Purpose}";
            var tries = attempts > 1 ? $" after {attempts} attempts" : "";
            if (status >= 300 && status < 400)
                return new WandbApiException(ApiErrorKind.RedirectRefused, _transport.BaseUrl,
                    $"{what}: a redirect to {response.Headers.Location}. WandbAuth never sends an identity token to a redirect target; if the server moved, connect with -BaseUrl set to its new address.", status);
            var said = await SaidAsync(response, attemptToken, ct).ConfigureAwait(false);
            var saidText = said == null ? "" : $" (the server said: {said.TrimEnd('.')})";
            if (status == 404)
                return new WandbApiException(ApiErrorKind.InvalidResponse, _transport.BaseUrl,
                    $"{what}: there is no identity token exchange at {Endpoint}. Identity federation is a preview feature of W&B Enterprise; check -BaseUrl and ask your W&B administrator whether it is on.", status);
            if (status == 429)
                return new WandbApiException(ApiErrorKind.RateLimited, _transport.BaseUrl, $"{what}{tries}: rate limited{saidText}. Wait a little and try again.", status);
            if (status >= 500)
                return new WandbApiException(ApiErrorKind.ServerError, _transport.BaseUrl, $"{what}{tries}{saidText}.", status);
            var expired = token.ExpiresAt <= Options.Clock()
                ? $" The token expired at {token.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: get a fresh one from the identity provider."
                : "";
            return new WandbApiException(ApiErrorKind.IdentityTokenRejected, _transport.BaseUrl,
                $"{what}: it refused {origin}{saidText}.{expired} W&B accepts a JWT signed by the JWT issuer set up for the organization whose iss is that " +
                "issuer's URL, sub a user's email or a federated service account's subject, aud the organization's name (or 'wandb' on Dedicated Cloud " +
                $"and Self-Managed) and exp still ahead. This token has {token.DescribeClaims()}.", status);
        }

        /// <summary>What a refusal's body says: OAuth's error and error_description (RFC 6749, 5.2), W&amp;B's errors, or a line of text.</summary>
        private static async Task<string?> SaidAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken ct)
        {
            var body = await ErrorBody.ReadAsync(response, attemptToken, ct).ConfigureAwait(false);
            if (body?.Json is not JObject json) return body?.Line;
            if (json["error"] is JValue { Type: JTokenType.String } code)
                return json["error_description"] is JValue { Type: JTokenType.String } description ? $"{code}: {description}" : (string?)code;
            return ServerError.From(json)?.Message;
        }

        /// <summary>Request bytes that hold a secret: cleared when the request is disposed after its attempt.</summary>
        private sealed class ClearedOnDispose : ByteArrayContent
        {
            private readonly byte[] _bytes;

            public ClearedOnDispose(byte[] bytes) : base(bytes) { _bytes = bytes; }

            protected override void Dispose(bool disposing)
            {
                Array.Clear(_bytes, 0, _bytes.Length);
                base.Dispose(disposing);
            }
        }
    }
}
