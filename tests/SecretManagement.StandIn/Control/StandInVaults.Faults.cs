using System;
using System.Management.Automation;

namespace SecretManagement.StandIn
{
    // Fault injection. Hooks run outside the lock, so a hook may block (to line up threads) or call Peek.
    public static partial class StandInVaults
    {
        private static Func<VaultOperation, Exception?>? beforeOperation;
        private static Func<VaultOperation, Exception?>? afterOperation;
        private static Func<VaultOperation, bool>? crashWhen;
        private static bool crashAfterCommit;
        private static VaultOperation? crashedAt;

        /// <summary>
        /// Called before every vault operation. Return null to let it run; return an exception to make the vault
        /// refuse it: nothing changes and the cmdlet writes a non-terminating error record carrying that
        /// exception (the way SecretManagement reports a failing extension vault). A hook that throws makes the
        /// cmdlet fail with a terminating error, also without changing anything.
        /// </summary>
        public static Func<VaultOperation, Exception?>? BeforeOperation
        {
            get { lock (Sync) { return beforeOperation; } }
            set { lock (Sync) { beforeOperation = value; } }
        }

        /// <summary>
        /// Called after an operation succeeded (a write is already committed). Returning an exception makes the
        /// cmdlet write an error record anyway: a vault that committed and then lost its reply.
        /// </summary>
        public static Func<VaultOperation, Exception?>? AfterOperation
        {
            get { lock (Sync) { return afterOperation; } }
            set { lock (Sync) { afterOperation = value; } }
        }

        /// <summary>
        /// A BeforeOperation hook that fails one chosen attempt, e.g. the 2nd Set of "wandb-key".
        /// </summary>
        public static Func<VaultOperation, Exception?> FailOn(
            VaultOperationKind kind, string name, int attempt, Exception error) =>
            op => op.Kind == kind
                  && string.Equals(op.Name, name, StringComparison.OrdinalIgnoreCase)
                  && op.Attempt == attempt
                ? error
                : null;

        /// <summary>
        /// Simulates the process dying at the first operation that matches <paramref name="when"/>: that call
        /// throws <see cref="PipelineStoppedException"/> (so the caller's pipeline stops as on Ctrl+C) and
        /// the vaults freeze. Every later operation, in any runspace, also throws without touching anything,
        /// so whatever the code under test does next (catch, roll back, retry) cannot change the state left
        /// at that instant. <see cref="Restart"/> thaws them, as a new process would find them.
        /// With <paramref name="afterCommit"/> the matching operation is performed first (the crash comes
        /// between the vault's commit and the caller learning of it); otherwise it is not performed.
        /// </summary>
        public static void CrashWhen(Func<VaultOperation, bool> when, bool afterCommit = false)
        {
            lock (Sync)
            {
                crashWhen = when ?? throw new ArgumentNullException(nameof(when));
                crashAfterCommit = afterCommit;
            }
        }

        /// <summary>True after a simulated crash and until <see cref="Restart"/> or <see cref="Reset"/>.</summary>
        public static bool HasCrashed
        {
            get { lock (Sync) { return crashedAt != null; } }
        }

        /// <summary>The operation at which the simulated crash happened, or null.</summary>
        public static VaultOperation? CrashedAt
        {
            get { lock (Sync) { return crashedAt; } }
        }

        /// <summary>
        /// Ends a simulated crash as a process restart would: vault contents and the operation log stay,
        /// hooks and the crash rule are cleared.
        /// </summary>
        public static void Restart()
        {
            lock (Sync)
            {
                ResetFaultsLocked();
            }
        }

        private static void ResetFaultsLocked()
        {
            beforeOperation = null;
            afterOperation = null;
            crashWhen = null;
            crashAfterCommit = false;
            crashedAt = null;
        }
    }
}
