using System;
using System.Threading;

namespace WandbAuth.Rotation
{
    /// <summary>How rotations judge leases and tell time; tests replace the process identity and the clock.</summary>
    internal sealed class RotationOptions
    {
        /// <summary>A state whose heartbeat is older than this, held by another machine, is taken over.</summary>
        public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(10);
        /// <summary>How often the lease is refreshed while a script runs: three beats within one lease timeout.</summary>
        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(3);
        /// <summary>
        /// When set, the lease is not refreshed while scripts run but held this long from just before them. For vaults
        /// of Microsoft.PowerShell.SecretManagement, which runs every extension-vault call in one runspace of its own
        /// (PowerShell/SecretManagement#188): a refresh beside a script that calls SecretManagement itself could break
        /// that script. Null: refresh every HeartbeatInterval while scripts run.
        /// </summary>
        public TimeSpan? ScriptLease { get; set; }
        /// <summary>How long scripts may run, where the lease cannot be refreshed meanwhile, before another machine may take over.</summary>
        public static readonly TimeSpan HeldScriptLease = TimeSpan.FromMinutes(60);
        /// <summary>
        /// With a ScriptLease, the batch's scripts take turns (they share the pipeline thread anyway), so each one's held
        /// lease counts from its turn, not from its place in the queue.
        /// </summary>
        public SemaphoreSlim ScriptTurns { get; } = new SemaphoreSlim(1, 1);
        public LeaseOwner Identity { get; set; } = LeaseOwner.CurrentProcess;
        public RotationLocks Locks { get; set; } = RotationLocks.Process;
        /// <summary>Whether a lease's process (on this machine) still runs.</summary>
        public Func<LeaseOwner, bool> IsRunning { get; set; } = LeaseOwner.IsRunningHere;
        public Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;
    }
}
