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
    /// IsTokenExpiring). One exchange at a time, however many requests wait on it. A renewal that fails while the token is
    /// still good leaves it serving, is not tried again for <see cref="RenewalPause"/>, and is kept for cmdlets to report.
    /// Time comes from <see cref="ClientOptions.Clock"/>, so expiry and renewal are tested without waiting.
    /// </summary>
    internal sealed class AccessTokenSource : IAuthorizationSource, IDisposable
    {
        /// <summary>Renew when this little of the access token's life is left.</summary>
        public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

        /// <summary>
        /// After a failed renewal, how long the current token serves before renewal is tried again. Without it every request
        /// in the last 5 minutes would run the exchange's whole retry schedule (up to a minute) only to fail the same way.
        /// </summary>
        public static readonly TimeSpan RenewalPause = TimeSpan.FromSeconds(30);

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

        /// <summary>A refused access token is not the user's to fix by retyping: a new exchange is.</summary>
        public string Refusal =>
            $"the W&B access token exchanged for {Origin} was rejected (revoked, or its user or service account no longer allowed): " +
            "run Connect-Wandb again for a fresh exchange";

        /// <summary>The sub claim of the identity token last exchanged: who W&amp;B signs in.</summary>
        public string? Subject { get; private set; }

        /// <summary>When the current access token expires; null before the first exchange, or when W&amp;B did not say.</summary>
        public DateTimeOffset? ExpiresAt => _held?.ExpiresAt;

        /// <summary>Why the last renewal failed, while the token it was to replace still serves; null once one succeeds.</summary>
        public Exception? LastRenewalFailure { get; private set; }

        /// <summary>How many renewals failed so far: a cmdlet compares it before and after its work to report new failures once.</summary>
        public int RenewalFailures { get; private set; }

        /// <summary>The last renewal failure in words for a warning, or null when there is none; never a token.</summary>
        public string? DescribeRenewalFailure()
        {
            var held = _held;
            if (LastRenewalFailure is not Exception e || held?.RenewalPausedUntil is not DateTimeOffset retry) return null;
            return $"Renewing the W&B access token failed: {e.Message.TrimEnd('.')}. The current access token serves until " +
                   $"{held.ExpiresAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; renewal is tried again from {retry.UtcDateTime:HH:mm:ss}Z.";
        }

        /// <summary>The first exchange: Connect-Wandb fails here, not at the first request, when the token is refused.</summary>
        public Task SignInAsync(CancellationToken ct) => HeaderAsync(ct);

        public async Task<AuthenticationHeaderValue> HeaderAsync(CancellationToken ct)
        {
            var held = _held;
            if (held != null && !Due(held)) return held.Header;
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                held = _held;
                if (held != null && !Due(held)) return held.Header; // renewed while this request waited
                Held fresh;
                try { fresh = await ExchangeAsync(ct).ConfigureAwait(false); }
                catch (Exception e) when (!ct.IsCancellationRequested && held != null && StillGood(held))
                {
                    // Renewal failed with the current token still good: it serves until it expires, renewal pauses.
                    LastRenewalFailure = e;
                    RenewalFailures++;
                    _held = held.PausedUntil(_clock() + RenewalPause);
                    return held.Header;
                }
                _held = fresh;
                LastRenewalFailure = null;
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
                return new Held(grant.Token, BearerAuth.For(grant.Token), grant.ExpiresIn.HasValue ? _clock() + grant.ExpiresIn.Value : (DateTimeOffset?)null, null);
            }
            finally { identity.Jwt.Dispose(); }
        }

        /// <summary>
        /// Due for an exchange: 5 minutes or less left, or a lifetime W&amp;B did not state (then every request exchanges, as
        /// in wandb-core); but not while a failed renewal pauses and the token is still good.
        /// </summary>
        private bool Due(Held held)
        {
            var now = _clock();
            if (held.ExpiresAt.HasValue && held.ExpiresAt.Value - now > RenewBefore) return false;
            return !(held.RenewalPausedUntil > now && StillGood(held));
        }

        private bool StillGood(Held held) => held.ExpiresAt > _clock();

        public void Dispose()
        {
            _held?.Token.Dispose();
            _gate.Dispose();
        }

        /// <summary>An access token in use: replaced whole (never changed) so requests read it without the gate.</summary>
        private sealed class Held
        {
            public Held(SecureString token, AuthenticationHeaderValue header, DateTimeOffset? expiresAt, DateTimeOffset? renewalPausedUntil)
            {
                Token = token; Header = header; ExpiresAt = expiresAt; RenewalPausedUntil = renewalPausedUntil;
            }

            public SecureString Token { get; }
            public AuthenticationHeaderValue Header { get; }
            public DateTimeOffset? ExpiresAt { get; }
            /// <summary>After a failed renewal: no other renewal is tried before this time while the token is still good.</summary>
            public DateTimeOffset? RenewalPausedUntil { get; }

            public Held PausedUntil(DateTimeOffset until) => new Held(Token, Header, ExpiresAt, until);
        }
    }
}
