using System;
using System.Collections.Generic;

namespace SecretManagement.StandIn
{
    // The operation log: kind, vault, name and outcome of every vault call, never a secret value.
    public static partial class StandInVaults
    {
        private static readonly List<VaultOperationRecord> Log = new List<VaultOperationRecord>();
        private static readonly Dictionary<string, int> Attempts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private static long sequence;

        /// <summary>A snapshot of every vault operation since the last Reset or ClearOperations, in order.</summary>
        public static IReadOnlyList<VaultOperationRecord> Operations
        {
            get
            {
                lock (Sync)
                {
                    return Log.ToArray();
                }
            }
        }

        /// <summary>Empties the log (attempt counts and sequence numbers continue).</summary>
        public static void ClearOperations()
        {
            lock (Sync)
            {
                Log.Clear();
            }
        }

        private static void ResetLogLocked()
        {
            Log.Clear();
            Attempts.Clear();
            sequence = 0;
        }

        private static VaultOperation BeginLocked(VaultOperationKind kind, string vault, string name)
        {
            var key = kind + "\u0000" + name;
            Attempts.TryGetValue(key, out var attempt);
            Attempts[key] = ++attempt;
            return new VaultOperation(++sequence, kind, vault, name, attempt);
        }

        private static VaultOperationRecord RecordLocked(VaultOperation op, VaultOperationOutcome outcome)
        {
            var record = new VaultOperationRecord(op.Sequence, op.Kind, op.Vault, op.Name, outcome);
            Log.Add(record);
            return record;
        }
    }
}
