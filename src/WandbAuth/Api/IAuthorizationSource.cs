using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Api
{
    /// <summary>
    /// Where a request's Authorization header comes from: the same header for an API key, a W&amp;B access token renewed
    /// before it expires for keyless sign-in (<see cref="AccessTokenSource"/>). Asked once per attempt.
    /// </summary>
    internal interface IAuthorizationSource
    {
        Task<AuthenticationHeaderValue> HeaderAsync(CancellationToken ct);

        /// <summary>What W&amp;B refusing this credential means, for messages: "the API key was rejected (...)".</summary>
        string Refusal { get; }
    }

    /// <summary>A header built once: an API key's, or an access token given as one (-ApiKey wb_at_...).</summary>
    internal sealed class FixedAuthorization : IAuthorizationSource
    {
        private readonly Task<AuthenticationHeaderValue> _header;

        private FixedAuthorization(AuthenticationHeaderValue header, string rejection) { _header = Task.FromResult(header); Refusal = rejection; }

        public static FixedAuthorization ApiKey(AuthenticationHeaderValue header) =>
            new FixedAuthorization(header, "the API key was rejected (revoked, mistyped, or for another server)");

        public static FixedAuthorization AccessToken(AuthenticationHeaderValue header) =>
            new FixedAuthorization(header, "the access token was rejected (expired, revoked, or for another server)");

        public Task<AuthenticationHeaderValue> HeaderAsync(CancellationToken ct) => _header;

        public string Refusal { get; }
    }
}
