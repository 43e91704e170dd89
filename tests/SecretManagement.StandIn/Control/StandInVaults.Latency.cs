using System;
using System.Threading;

namespace SecretManagement.StandIn
{
    // A network vault's round trip (Azure Key Vault answers in 100-200 ms), for benchmarks.
    public static partial class StandInVaults
    {
        private static TimeSpan latency;

        /// <summary>
        /// Added to every vault operation before it runs, outside the lock, so calls from several runspaces wait
        /// side by side as they would on a network vault. Zero by default; <see cref="Reset"/> sets it back to zero,
        /// <see cref="Restart"/> keeps it (it belongs to the vault, not to the process).
        /// </summary>
        public static TimeSpan Latency
        {
            get { lock (Sync) { return latency; } }
            set
            {
                if (value < TimeSpan.Zero)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), "Latency cannot be negative.");
                }

                lock (Sync) { latency = value; }
            }
        }

        /// <summary>The latency as it was when the call began, so changing it never changes a call under way.</summary>
        private static void WaitLatency(TimeSpan wait)
        {
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }
}
