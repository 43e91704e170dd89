using System;
using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// One rotation of one secret, in order: guard, create, verify, scripts, promote, delete the old key, clean up;
    /// or rollback; or resume an interrupted one. Split by concern: Fresh (steps 1-3), Forward (4-8),
    /// Rollback, Resume, Claim (the check before the promote and the old key's delete). Every message names key IDs only.
    /// </summary>
    internal sealed partial class SecretRotation
    {
        private readonly RotationRequest _request;
        private readonly RotationOptions _options;
        private readonly VaultSteps _vault;
        private readonly ServerSteps _server;
        private readonly RotationNames _names;
        private readonly RotationResult _report;
        private readonly string _runId = NewRunId();

        private RotationState? _state;
        private SecureString? _oldKey;
        private SecureString? _newKey;

        public SecretRotation(RotationRequest request, IVaultGate gate, RotationOptions options)
        {
            _request = request;
            _options = options;
            _names = new RotationNames(request.SecretName);
            _vault = new VaultSteps(gate, request.Vault, _names);
            _server = new ServerSteps(request.Server);
            _report = new RotationResult(request.SecretName, request.Vault);
        }

        private string Secret => _names.Secret;
        private string Vault => _request.Vault;

        public async Task<RotationResult> RunAsync(CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            RotationOutcome outcome;
            if (RotationNames.IsHelper(Secret, out var owner))
            {
                // Rotating a pending secret that holds an interrupted rotation's new key would delete that key.
                outcome = RotationOutcome.Failed($"'{Secret}' is a working secret of the rotation of '{owner}', not a key to rotate. Nothing was changed.");
            }
            else if (!_options.Locks.TryEnter(Vault, Secret, _runId))
            {
                outcome = RotationOutcome.Failed($"A rotation of '{Secret}' in vault '{Vault}' is already running in this PowerShell process. Nothing was changed.");
            }
            else
            {
                try { outcome = await RunGuardedAsync(ct).ConfigureAwait(false); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    await TryParkAsync().ConfigureAwait(false);
                    outcome = RotationOutcome.Failed($"The rotation of '{Secret}' was stopped before it finished. {NextRunNote()}");
                }
                catch (Exception e)
                {
                    await TryParkAsync().ConfigureAwait(false);
                    outcome = RotationOutcome.Failed($"The rotation of '{Secret}' stopped: {Describe(e)} {NextRunNote()}");
                }
                finally { _options.Locks.Exit(Vault, Secret, _runId); }
            }
            _report.Status = outcome.Status;
            // Key IDs are shown whole (they are what W&B itself shows); outside text was scrubbed by Describe.
            _report.Message = outcome.Message.Trim();
            _report.Duration = clock.Elapsed;
            return _report;
        }

        /// <summary>
        /// Step 2's first half: a live state secret means another run is at work, or one was interrupted. A cleared one
        /// (a finished rotation's) reads as none.
        /// </summary>
        private async Task<RotationOutcome> RunGuardedAsync(CancellationToken ct)
        {
            var found = await _vault.ReadStateAsync().ConfigureAwait(false);
            if (found == null) return await RotateAsync(ct).ConfigureAwait(false);
            if (!IsAbandoned(found)) return InProgress(found);
            Note($"found an interrupted rotation ({found.Phase}, started {found.Started.UtcDateTime:u}); resuming it.");
            return await ResumeAsync(found, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// A state is abandoned when nobody holds it (parked), when its run was in this process and is over, when
        /// its process on this machine is gone, or when its heartbeat is older than the lease timeout.
        /// </summary>
        private bool IsAbandoned(RotationState state)
        {
            var lease = state.Lease;
            if (lease == null) return true;
            var me = _options.Identity;
            if (lease.SameProcess(me)) return !_options.Locks.IsActive(lease.RunId);
            if (lease.SameMachine(me) && !_options.IsRunning(lease)) return true;
            return _options.UtcNow() - state.Heartbeat > _options.LeaseTimeout;
        }

        private RotationOutcome InProgress(RotationState? state)
        {
            var detail = state?.Lease == null ? "" :
                $" (since {state.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z, on {state.Lease}, last heard from " +
                $"{state.Heartbeat.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}Z)";
            return RotationOutcome.Failed($"A rotation of '{Secret}' in vault '{Vault}' is already in progress{detail}. Nothing was changed; " +
                $"if that run died, the next run after {_options.LeaseTimeout.TotalMinutes:0} minutes without a heartbeat takes it over.");
        }

        private RotationState NewState(KeyOnServer old) => new RotationState
        {
            RunId = _runId,
            Marker = RotationState.MarkerFor(_runId),
            Lease = _options.Identity.WithRun(_runId),
            Started = _options.UtcNow(),
            Heartbeat = _options.UtcNow(),
            Phase = RotationPhase.Creating,
            Owner = old.Owner,
            OldKeyId = old.KeyId!,
            OldKeyNodeId = old.NodeId!,
            KeepOldKey = _request.KeepOldKey,
        };

        /// <summary>Records the phase and a fresh heartbeat.</summary>
        private Task SaveStateAsync(RotationPhase phase)
        {
            _state!.Phase = phase;
            _state.Heartbeat = _options.UtcNow();
            return _vault.WriteStateAsync(_state);
        }

        /// <summary>
        /// Leaves the state for the next run and gives up the lease, so the next run (on any machine) need not
        /// wait for the lease timeout. Failing to write is harmless: the lease then expires by the usual rules.
        /// </summary>
        private async Task TryParkAsync(RotationPhase? phase = null)
        {
            if (_state == null || _state.Lease?.RunId != _runId) return;
            try
            {
                if (phase.HasValue) _state.Phase = phase.Value;
                _state.Lease = null;
                _state.Heartbeat = _options.UtcNow();
                await _vault.WriteStateAsync(_state).ConfigureAwait(false);
            }
            catch (Exception) { }
        }

        private void Note(string step) => _request.Note?.Invoke($"{Vault}/{Secret}: {step}");

        private string NextRunNote() => _state == null ? "Nothing was changed." :
            $"The vault still holds a working key; the next Invoke-WandbKeyRotation of '{Secret}' resumes or rolls back.";

        private string Description()
        {
            var name = string.IsNullOrWhiteSpace(_request.NewKeyName)
                ? $"Rotated {_options.UtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z from {_state!.OldKeyId}"
                : _request.NewKeyName!.Trim();
            return name + " " + _state!.Marker;
        }

        private static bool IsStop(Exception e, CancellationToken ct) => e is OperationCanceledException && ct.IsCancellationRequested;

        /// <summary>Exception text for a message, scrubbed: script errors are the user's text and may quote a key.</summary>
        private static string Describe(Exception e) => Redaction.Scrub((e.Message ?? e.GetType().Name).Trim().TrimEnd('.')) + ".";

        private static string NewRunId() => Guid.NewGuid().ToString("N").Substring(0, 16);
    }
}
