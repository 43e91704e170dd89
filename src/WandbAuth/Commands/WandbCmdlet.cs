using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Session;

namespace WandbAuth.Commands
{
    /// <summary>What every WandbAuth cmdlet shares: cancellation on Ctrl+C, waiting on the API, errors, the connection.</summary>
    public abstract class WandbCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private AccessTokenSource? _tokens;
        private int _renewalFailuresSeen;

        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing()
        {
            try { _stopping.Cancel(); }
            catch (ObjectDisposedException) { } // Ctrl+C after the pipeline ended: nothing left to cancel.
        }

        /// <summary>PowerShell disposes a cmdlet that implements IDisposable when its pipeline ends.</summary>
        public void Dispose()
        {
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Waits for API work on the pipeline thread; Ctrl+C cancels it.</summary>
        internal T Wait<T>(Task<T> task) => Api.Blocking.Run(task);

        internal void Wait(Task task) => Api.Blocking.Run(task);

        /// <summary>-Connection when given, else the runspace's; a clear error when there is neither.</summary>
        internal Connection RequireConnection(Connection? explicitConnection)
        {
            var connection = explicitConnection ?? ConnectionStore.Get();
            if (connection != null)
            {
                WatchRenewals(connection);
                return connection;
            }
            ThrowTerminatingError(ErrorRecords.For(
                "Not connected to W&B. Run Connect-Wandb first, or pass -Connection with an object Connect-Wandb returned.",
                "WandbNotConnected", ErrorCategory.ConnectionError, null));
            return null!;
        }

        /// <summary>
        /// Keyless: an access token renewal that failed before this command is in -Verbose; one that fails during it is a
        /// warning at its end (the old token still served; see <see cref="AccessTokenSource.RenewalPause"/>).
        /// </summary>
        private void WatchRenewals(Connection connection)
        {
            if (_tokens != null || !(connection.Context.Tokens is AccessTokenSource tokens)) return; // once a command
            _tokens = tokens;
            _renewalFailuresSeen = tokens.RenewalFailures;
            if (_tokens.DescribeRenewalFailure() is string earlier) WriteVerbose(earlier);
        }

        protected override void EndProcessing()
        {
            if (_tokens != null && _tokens.RenewalFailures != _renewalFailuresSeen && _tokens.DescribeRenewalFailure() is string failed)
                WriteWarning(failed);
        }

        internal void WriteFailure(Exception e, object? target) => WriteError(ErrorRecords.For(e, target));

        internal void Fail(Exception e, object? target) => ThrowTerminatingError(ErrorRecords.For(e, target));
    }
}
