using System;
using System.Management.Automation;
using SecretManagement.StandIn.Storage;

namespace SecretManagement.StandIn
{
    // The one path every cmdlet's vault call takes: crash check, hooks, the operation itself, the log.
    public static partial class StandInVaults
    {
        /// <summary>
        /// Runs <paramref name="body"/> against the named vault under the lock, surrounded by the fault hooks,
        /// and logs the outcome. Throws PipelineStoppedException for a simulated crash, and lets an exception
        /// thrown by a hook escape (the cmdlet then fails with a terminating error).
        /// </summary>
        internal static VaultCall<T> Run<T>(
            VaultOperationKind kind, string vaultName, string name, Func<RegisteredVault, VaultCall<T>> body)
        {
            VaultOperation op;
            Func<VaultOperation, Exception?>? before;
            Func<VaultOperation, bool>? crashRule;
            bool crashLate;
            TimeSpan wait;
            lock (Sync)
            {
                op = BeginLocked(kind, vaultName, name);
                StopIfCrashedLocked(op);
                before = beforeOperation;
                crashRule = crashWhen;
                crashLate = crashAfterCommit;
                wait = latency;
            }

            if (crashRule != null && !crashLate && crashRule(op))
            {
                Crash(op, logAs: VaultOperationOutcome.Crashed);
            }

            var fault = CallHook(before, op);
            if (fault != null)
            {
                lock (Sync)
                {
                    RecordLocked(op, VaultOperationOutcome.Failed);
                }

                return VaultCall<T>.Failed(fault);
            }

            WaitLatency(wait);

            VaultCall<T> result;
            VaultOperationRecord record;
            Func<VaultOperation, Exception?>? after;
            lock (Sync)
            {
                // Another thread may have crashed the vaults while the hook ran.
                StopIfCrashedLocked(op);
                var vault = FindLocked(vaultName);
                result = vault == null
                    ? VaultCall<T>.Failed(new ItemNotFoundException($"Vault {vaultName} does not exist in registry."))
                    : body(vault);
                record = RecordLocked(op, result.Outcome);
                after = afterOperation;
            }

            if (result.Outcome != VaultOperationOutcome.Succeeded)
            {
                return result;
            }

            if (crashRule != null && crashLate && crashRule(op))
            {
                Crash(op, logAs: null);
            }

            var lostReply = CallHook(after, op);
            if (lostReply == null)
            {
                return result;
            }

            lock (Sync)
            {
                record.Outcome = VaultOperationOutcome.FailedAfterCommit;
            }

            return result.FailedAfterCommit(lostReply);
        }

        private static Exception? CallHook(Func<VaultOperation, Exception?>? hook, VaultOperation op)
        {
            try
            {
                return hook?.Invoke(op);
            }
            catch
            {
                lock (Sync)
                {
                    RecordLocked(op, VaultOperationOutcome.Crashed);
                }

                throw;
            }
        }

        private static void StopIfCrashedLocked(VaultOperation op)
        {
            if (crashedAt != null)
            {
                RecordLocked(op, VaultOperationOutcome.Crashed);
                throw new PipelineStoppedException();
            }
        }

        private static void Crash(VaultOperation op, VaultOperationOutcome? logAs)
        {
            lock (Sync)
            {
                // Two threads can match at once; the first one freezes the vaults.
                StopIfCrashedLocked(op);
                crashedAt = op;
                if (logAs.HasValue)
                {
                    RecordLocked(op, logAs.Value);
                }
            }

            throw new PipelineStoppedException();
        }
    }
}
