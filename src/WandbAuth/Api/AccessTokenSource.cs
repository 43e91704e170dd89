using System;
using System.Net.Http.Headers;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Credentials;

namespace WandbAuth.Api
{
    /// <summary>
    /// Keyless sign-in's Authorization header: a W&amp;B access token got by exchanging an identity token, exchanged again
    /// (with a fresh identity token) once 5 minutes or less remain, as wandb-core does (core/internal/api/credentials.go,
    /// IsTokenExpiring). One exchange at a time, however many requests wait on it. Time comes from
    /// <see cref="ClientOptions.Clock"/>, so expiry and renewal are tested without waiting.
    /// </summary>
    internal sealed class AccessTokenSource : IAuthorizationSource, IDisposable
    {
        /// <summary>Renew when this little of the access token's life is left.</summary>
        public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

        private readonly IIdentityTokenSource _identity;
        private readonly TokenExchange _exchange;
        private readonly Func<DateTimeOffset> _clock;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private Held? _held;

        public AccessTokenSource(IIdentityTokenSource identity, TokenExchange exchange, Func<DateTimeOffset> clock)
        {
            _identity = identity; _exchange = exchange; _clock = clock;
        }

        /// <summary>Where identity tokens come from, for messages.</summary>
        public string Origin => _identity.Origin;

        /// <summary>The sub claim of the identity token last exchanged: who W&amp;B signs in.</summary>
        public string? Subject { get; private set; }

        /// <summary>When the current access token expires; null before the first exchange, or when W&amp;B did not say.</summary>
        public DateTimeOffset? ExpiresAt => _held?.ExpiresAt;

        /// <summary>How many exchanges succeeded.</summary>
        public int Exchanges { get; private set; }

        /// <summary>The first exchange: Connect-Wandb fails here, not at the first request, when the token is refused.</summary>
        public Task SignInAsync(CancellationToken ct) => HeaderAsync(ct);

        public async Task<AuthenticationHeaderValue> HeaderAsync(CancellationToken ct)
        {
            var held = _held;
            if (held != null && !Renewable(held)) return held.Header;
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                held = _held;
                if (held != null && !Renewable(held)) return held.Header; // renewed while this request waited
                Held fresh;
                try { fresh = await ExchangeAsync(ct).ConfigureAwait(false); }
                catch (Exception) when (!ct.IsCancellationRequested && held?.ExpiresAt > _clock())
                {
                    // Renewal failed with the current token still good: it serves until it expires, renewal is tried at each request.
                    return held.Header;
                }
                _held = fresh;
                held?.Token.Dispose();
                return fresh.Header;
            }
            finally { _gate.Release(); }
        }

        private async Task<Held> ExchangeAsync(CancellationToken ct)
        {
            var identity = await _identity.GetAsync(ct).ConfigureAwait(false);
            try
            {
                var grant = await _exchange.ExchangeAsync(identity, _identity.Origin, ct).ConfigureAwait(false);
                Subject = identity.Subject;
                Exchanges++;
                return new Held(grant.Token, BearerAuth.For(grant.Token), grant.ExpiresIn.HasValue ? _clock() + grant.ExpiresIn.Value : (DateTimeOffset?)null);
            }
            finally { identity.Jwt.Dispose(); }
        }

        /// <summary>Due for renewal: 5 minutes or less left, or a lifetime W&amp;B did not state (then every request exchanges, as in wandb-core).</summary>
        private bool Renewable(Held held) => !held.ExpiresAt.HasValue || held.ExpiresAt.Value - _clock() <= RenewBefore;

        public void Dispose()
        {
            _held?.Token.Dispose();
            _gate.Dispose();
        }

        private sealed class Held
        {
            public Held(SecureString token, AuthenticationHeaderValue header, DateTimeOffset? expiresAt) { Token = token; Header = header; ExpiresAt = expiresAt; }
            public SecureString Token { get; }
            public AuthenticationHeaderValue Header { get; }
            public DateTimeOffset? ExpiresAt { get; }
        }
    }
}
