using System;

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
        /// (core/internal/api/credentials.go, TokenExchangeRetryMax), fewer than other requests because they wait on it.
        /// </summary>
        public RetryPolicy TokenExchangeRetry { get; set; } = new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };

        /// <summary>The clock keyless sign-in measures access token lifetimes by; tests set their own instead of waiting.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
    }
}
