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
    }

    /// <summary>An API key's header, built once.</summary>
    internal sealed class FixedAuthorization : IAuthorizationSource
    {
        private readonly Task<AuthenticationHeaderValue> _header;

        public FixedAuthorization(AuthenticationHeaderValue header) { _header = Task.FromResult(header); }

        public Task<AuthenticationHeaderValue> HeaderAsync(CancellationToken ct) => _header;
    }
}
