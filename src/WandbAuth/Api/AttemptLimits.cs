using System;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Api
{
    /// <summary>
    /// How long one request may take (<see cref="HttpAttempts"/>): each attempt, and, when <see cref="Total"/> is set, all
    /// attempts together with the waits between them. Time is read from <see cref="Clock"/> and waited through
    /// <see cref="Wait"/>, so tests move time by hand instead of sleeping.
    /// </summary>
    internal sealed class AttemptLimits
    {
        public AttemptLimits(TimeSpan perAttempt, RetryPolicy retry, TimeSpan? total, Func<DateTimeOffset> clock,
            Func<TimeSpan, CancellationToken, Task> wait)
        {
            PerAttempt = perAttempt; Retry = retry; Total = total; Clock = clock; Wait = wait;
        }

        public TimeSpan PerAttempt { get; }
        public RetryPolicy Retry { get; }
        public TimeSpan? Total { get; }
        public Func<DateTimeOffset> Clock { get; }
        public Func<TimeSpan, CancellationToken, Task> Wait { get; }

        /// <summary>The budget of one request, starting now.</summary>
        public AttemptBudget Start() => new AttemptBudget(this, Total.HasValue ? Clock() + Total.Value : (DateTimeOffset?)null);

        /// <summary>"within 10 s", or with a total "within 10 s an attempt and 60 s in all", for messages.</summary>
        public string Describe() => Total.HasValue
            ? $"within {PerAttempt.TotalSeconds:0} s an attempt and {Total.Value.TotalSeconds:0} s in all"
            : $"within {PerAttempt.TotalSeconds:0} s";
    }

    /// <summary>What is left of one request's <see cref="AttemptLimits"/>.</summary>
    internal sealed class AttemptBudget
    {
        private readonly AttemptLimits _limits;
        private readonly DateTimeOffset? _end;

        public AttemptBudget(AttemptLimits limits, DateTimeOffset? end) { _limits = limits; _end = end; }

        /// <summary>The next attempt's timeout: the per-attempt timeout, cut to what is left of the total.</summary>
        public TimeSpan ForAttempt()
        {
            if (!_end.HasValue) return _limits.PerAttempt;
            var left = _end.Value - _limits.Clock();
            return left <= TimeSpan.Zero ? TimeSpan.Zero : left < _limits.PerAttempt ? left : _limits.PerAttempt;
        }

        /// <summary>
        /// Whether waiting <paramref name="wait"/> still leaves time for another attempt. A server asking for a longer pause
        /// than is left (Retry-After) is reported at once: waiting less than it asked would only be refused again.
        /// </summary>
        public bool Allows(TimeSpan wait) => !_end.HasValue || _limits.Clock() + wait < _end.Value;
    }
}
