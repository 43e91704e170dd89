using System;

namespace SecretManagement.StandIn.Storage
{
    /// <summary>The result of one vault operation as a cmdlet sees it.</summary>
    internal readonly struct VaultCall<T>
    {
        private VaultCall(VaultOperationOutcome outcome, T value, Exception? error)
        {
            Outcome = outcome;
            Value = value;
            Error = error;
        }

        internal VaultOperationOutcome Outcome { get; }

        internal T Value { get; }

        /// <summary>Set when Outcome is Failed or FailedAfterCommit.</summary>
        internal Exception? Error { get; }

        internal static VaultCall<T> Ok(T value) => new VaultCall<T>(VaultOperationOutcome.Succeeded, value, null);

        internal static VaultCall<T> NotFound() => new VaultCall<T>(VaultOperationOutcome.NotFound, default!, null);

        internal static VaultCall<T> Failed(Exception error) =>
            new VaultCall<T>(VaultOperationOutcome.Failed, default!, error);

        internal VaultCall<T> FailedAfterCommit(Exception error) =>
            new VaultCall<T>(VaultOperationOutcome.FailedAfterCommit, Value, error);
    }
}
