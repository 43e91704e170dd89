using System;
using System.ComponentModel;
using System.Diagnostics;
using Newtonsoft.Json;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// Which run holds a rotation: machine, process (id and start time, since ids are reused) and run id.
    /// Written into the state secret so another run can tell a live rotation from an abandoned one.
    /// </summary>
    internal sealed class LeaseOwner
    {
        [JsonConstructor]
        public LeaseOwner(string machine, int processId, DateTimeOffset processStart, string? runId)
        {
            Machine = machine; ProcessId = processId; ProcessStart = processStart; RunId = runId;
        }

        public string Machine { get; }
        public int ProcessId { get; }
        public DateTimeOffset ProcessStart { get; }
        public string? RunId { get; }

        public LeaseOwner WithRun(string runId) => new LeaseOwner(Machine, ProcessId, ProcessStart, runId);

        public bool SameMachine(LeaseOwner other) => string.Equals(Machine, other.Machine, StringComparison.OrdinalIgnoreCase);

        /// <summary>Same machine, same process id, and a start time within a second (clocks round differently).</summary>
        public bool SameProcess(LeaseOwner other) =>
            SameMachine(other) && ProcessId == other.ProcessId && Math.Abs((ProcessStart - other.ProcessStart).TotalSeconds) < 1;

        public override string ToString() => $"{Machine} (process {ProcessId})";

        private static readonly Lazy<LeaseOwner> Current = new Lazy<LeaseOwner>(() =>
        {
            using var self = Process.GetCurrentProcess();
            return new LeaseOwner(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime(), null);
        });

        public static LeaseOwner CurrentProcess => Current.Value;

        /// <summary>
        /// Whether the lease's process still runs on this machine. When the answer cannot be known (another
        /// user's process hides its start time) the process counts as running: a live rotation must never be taken over.
        /// </summary>
        public static bool IsRunningHere(LeaseOwner lease)
        {
            try
            {
                using var process = Process.GetProcessById(lease.ProcessId);
                if (process.HasExited) return false;
                return Math.Abs((process.StartTime.ToUniversalTime() - lease.ProcessStart.UtcDateTime).TotalSeconds) < 1;
            }
            catch (ArgumentException) { return false; }              // no such process
            catch (InvalidOperationException) { return false; }      // it exited while we looked
            catch (Win32Exception) { return true; }
            catch (NotSupportedException) { return true; }
        }
    }
}
