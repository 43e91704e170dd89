using System;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Api
{
    internal sealed class ClientOptions
    {
        /// <summary>
        /// W&amp;B serves first-party fields such as a user's apiKeys only to clients it recognises by User-Agent, and
        /// refuses the whole request with "relogin required" otherwise (wandb PR #12009: the SDK broke when it sent
        /// "wandb-core" and was fixed by sending "W&amp;B Public Client &lt;version&gt;" again). So every request starts
        /// its User-Agent with that prefix, then names this module.
        /// </summary>
        public const string FirstPartyUserAgentPrefix = "W&B Public Client ";

        public static readonly string DefaultUserAgent =
            FirstPartyUserAgentPrefix + "WandbAuth/" + typeof(ClientOptions).Assembly.GetName().Version!.ToString(3);

        /// <summary>Per attempt, from sending the request to the last byte of a small answer; per read for a streamed one.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        public RetryPolicy Retry { get; set; } = new RetryPolicy();
        public string UserAgent { get; set; } = DefaultUserAgent;

        /// <summary>
        /// The most a reply (or, in a streamed listing, one user with their keys) may hold: thousands of keys fit in a
        /// fraction of it; a 50 MB answer from a broken proxy is refused instead of read into memory.
        /// </summary>
        public long MaxReplyBytes { get; set; } = 16L * 1024 * 1024;

        /// <summary>
        /// The identity token exchange's attempts: wandb-core retries it at most three times, waiting 1 to 5 s
        /// (core/internal/api/credentials.go, TokenExchangeRetryMax, tokenExchangeRetryWaitMin/Max), fewer than other
        /// requests because they wait on it. Our backoff draws from half to all of 2 s, 4 s, then 5 s: 1 to 5 s, as there.
        /// </summary>
        public RetryPolicy TokenExchangeRetry { get; set; } = new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(5) };

        /// <summary>
        /// One attempt of the exchange (and of the Azure DevOps OIDC request that comes before it): wandb-core gives each
        /// exchange attempt 10 s (tokenExchangeAttemptTimeout), shorter than other requests so the retries fit in the total.
        /// </summary>
        public TimeSpan TokenExchangeTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// The whole exchange, retries and waits included: 60 s in wandb-core (tokenExchangeTimeout), because every request
        /// waits on it. A Retry-After longer than what is left ends the exchange instead of being waited out.
        /// </summary>
        public TimeSpan TokenExchangeDeadline { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The pause between attempts; tests set their own that moves <see cref="Clock"/> instead of sleeping.</summary>
        public Func<TimeSpan, CancellationToken, Task> Wait { get; set; } = Task.Delay;

        /// <summary>A GraphQL request: bounded by <see cref="Timeout"/> an attempt and by <see cref="Retry"/>'s attempts and waits.</summary>
        internal AttemptLimits RequestLimits => new AttemptLimits(Timeout, Retry, null, Clock, Wait);

        /// <summary>The identity token exchange and the Azure DevOps OIDC request: each as wandb-core bounds its exchange.</summary>
        internal AttemptLimits TokenExchangeLimits => new AttemptLimits(TokenExchangeTimeout, TokenExchangeRetry, TokenExchangeDeadline, Clock, Wait);

        /// <summary>The clock keyless sign-in measures access token lifetimes and exchange deadlines by; tests set their own instead of waiting.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
    }
}
