using System;

namespace WandbAuth.Api
{
    /// <summary>
    /// When and how long to wait before trying again. Anchored on the wandb SDK's policy: retry network
    /// errors, 429 and 5xx except 501; never 400, 401, 403, 404, 409, 410, 413, 422. Mutations are retried
    /// only when the server cannot have acted (429, or no connection was made): a lost generateApiKey
    /// answer must never become two keys.
    /// </summary>
    internal sealed class RetryPolicy
    {
        public int MaxAttempts { get; set; } = 5;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
        /// <summary>A server that asks for a longer pause than this is reported instead of waited for.</summary>
        public TimeSpan MaxServerDelay { get; set; } = TimeSpan.FromSeconds(60);

        private readonly Random _jitter;
        public RetryPolicy(int? seed = null) { _jitter = seed.HasValue ? new Random(seed.Value) : new Random(); }

        public static bool IsRetryableStatus(int status) => status == 429 || (status >= 500 && status != 501);

        public bool ShouldRetry(int attempt, int? status, bool connectionMade, bool isMutation)
        {
            if (attempt >= MaxAttempts) return false;
            if (status.HasValue)
                return isMutation ? status.Value == 429 : IsRetryableStatus(status.Value);
            // A network failure: safe for a mutation only if the request never reached a server.
            return !isMutation || !connectionMade;
        }

        /// <summary>
        /// The pause before attempt+1: the server's hint when it gave one (Retry-After or RateLimit-Reset),
        /// otherwise exponential backoff with full jitter.
        /// </summary>
        public TimeSpan DelayBefore(int nextAttempt, TimeSpan? serverHint)
        {
            if (serverHint.HasValue) return serverHint.Value < TimeSpan.Zero ? TimeSpan.Zero : serverHint.Value;
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, nextAttempt - 2));
            double jittered;
            lock (_jitter) jittered = ceiling / 2 + _jitter.NextDouble() * ceiling / 2;
            return TimeSpan.FromMilliseconds(jittered);
        }
    }
}
