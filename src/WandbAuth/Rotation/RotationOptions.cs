using System;

namespace WandbAuth.Rotation
{
    /// <summary>How rotations judge leases and tell time; tests replace the process identity and the clock.</summary>
    internal sealed class RotationOptions
    {
        /// <summary>A state whose heartbeat is older than this, held by another machine, is taken over.</summary>
        public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(10);
        /// <summary>How often the lease is refreshed while a script runs: three beats within one lease timeout.</summary>
        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(3);
        public LeaseOwner Identity { get; set; } = LeaseOwner.CurrentProcess;
        public RotationLocks Locks { get; set; } = RotationLocks.Process;
        /// <summary>Whether a lease's process (on this machine) still runs.</summary>
        public Func<LeaseOwner, bool> IsRunning { get; set; } = LeaseOwner.IsRunningHere;
        public Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;
    }
}
