using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// One rotation of one secret. A run is a chain of steps (RotationStep), each taking the RotationWork so far and
    /// returning the next step with new work, or the end; StepAsync below is the whole map. Forward: Begin (read and
    /// identify the old key, claim the state), Create, Verify, Scripts, Promote, HandOn, DeleteOld, CleanUp. An interrupted
    /// rotation found by Begin is taken over and Resume looks up RotationTable. Files: Fresh (Begin, Create), Forward,
    /// Resume, Rollback, Claim (the checks before the promote and before the old key's delete). The only fields are the
    /// run's fixed parts. Every message names key IDs only.
    /// </summary>
    internal sealed partial class SecretRotation
    {
        private readonly RotationRequest _request;
        private readonly RotationOptions _options;
        private readonly VaultSteps _vault;
        private readonly ServerSteps _server;
        private readonly RotationNames _names;
        private readonly string _runId = NewRunId();

        /// <param name="leaseGate">Where lease refreshes go while scripts run; the gate itself when it is free then.</param>
        public SecretRotation(RotationRequest request, IVaultGate gate, RotationOptions options, IVaultGate? leaseGate = null)
        {
            _request = request;
            _options = options;
            _names = new RotationNames(request.SecretName);
            _vault = new VaultSteps(gate, request.Vault, _names, leaseGate ?? gate);
            _server = new ServerSteps(request.Server);
        }

        private string Secret => _names.Secret;
        private string Vault => _request.Vault;

        public async Task<RotationResult> RunAsync(CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            Next end;
            if (RotationNames.IsHelper(Secret, out var owner))
            {
                // Rotating a pending secret that holds an interrupted rotation's new key would delete that key.
                end = Next.End(RotationOutcome.Failed($"'{Secret}' is a working secret of the rotation of '{owner}', not a key to rotate. Nothing was changed."), RotationWork.Start);
            }
            else if (!_options.Locks.TryEnter(Vault, Secret, _runId))
            {
                end = Next.End(RotationOutcome.Failed($"A rotation of '{Secret}' in vault '{Vault}' is already running in this PowerShell process. Nothing was changed."), RotationWork.Start);
            }
            else
            {
                try { end = await RunStepsAsync(Next.To(RotationStep.Begin, RotationWork.Start), ct).ConfigureAwait(false); }
                finally { _options.Locks.Exit(Vault, Secret, _runId); }
            }

            var work = end.Work;
            var outcome = work.Resumed ? end.Outcome.AsResumed() : end.Outcome;
            // Key IDs are shown whole (they are what W&B itself shows); outside text was scrubbed by Describe.
            return new RotationResult(Secret, Vault)
            {
                Owner = work.Owner,
                OldKeyId = work.OldKeyId,
                NewKeyId = work.NewKeyId,
                Status = outcome.Status,
                ErrorId = outcome.ErrorId,
                Message = (outcome.Message + " " + work.Notes).Trim(),
                Duration = clock.Elapsed,
            };
        }

        /// <summary>Runs steps until one ends the rotation. A step that throws, or a stop, parks the state for the next run.</summary>
        private async Task<Next> RunStepsAsync(Next next, CancellationToken ct)
        {
            while (next.Step is RotationStep step)
            {
                var work = next.Work;
                try { next = await StepAsync(step, work, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    var note = NextRunNote();
                    await TryParkAsync().ConfigureAwait(false);
                    return Next.End(RotationOutcome.Failed($"The rotation of '{Secret}' was stopped before it finished. {note}"), work);
                }
                catch (Exception e)
                {
                    var note = NextRunNote();
                    await TryParkAsync().ConfigureAwait(false);
                    return Next.End(RotationOutcome.Failed($"The rotation of '{Secret}' stopped: {Describe(e)} {note}"), work);
                }
            }
            return next;
        }

        /// <summary>The map of the rotation: which method does each step.</summary>
        private Task<Next> StepAsync(RotationStep step, RotationWork work, CancellationToken ct) => step switch
        {
            RotationStep.Begin => BeginAsync(work, ct),
            RotationStep.Create => CreateAsync(work, ct),
            RotationStep.Verify => VerifyAsync(work, ct),
            RotationStep.Scripts => RunScriptsAsync(work, ct),
            RotationStep.Promote => PromoteAsync(work, ct),
            RotationStep.HandOn => HandOnAsync(work, ct),
            RotationStep.DeleteOld => DeleteOldAsync(work, ct),
            RotationStep.CleanUp => CleanUpAsync(work, ct),
            RotationStep.Resume => ResumeAsync(work, ct),
            RotationStep.PromoteForward => PromoteForwardAsync(work, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "No such rotation step."),
        };

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
            return _options.UtcNow() > LeaseEnd(state);
        }

        /// <summary>When a lease held elsewhere lapses: a lease timeout after its heartbeat, or later if scripts hold it longer.</summary>
        private DateTimeOffset LeaseEnd(RotationState state)
        {
            var end = state.Heartbeat + _options.LeaseTimeout;
            return state.LeaseUntil is DateTimeOffset until && until > end ? until : end;
        }

        private RotationOutcome InProgress(RotationState? state)
        {
            var detail = state?.Lease == null ? "" :
                $" (since {state.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z, on {state.Lease}, last heard from " +
                $"{state.Heartbeat.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}Z)";
            return RotationOutcome.Failed($"A rotation of '{Secret}' in vault '{Vault}' is already in progress{detail}. Nothing was changed; " +
                (state?.LeaseUntil is DateTimeOffset until && state.Lease != null && until > state.Heartbeat + _options.LeaseTimeout
                    ? $"its scripts hold it until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z; if that run died, the next run after that takes it over."
                    : $"if that run died, the next run after {_options.LeaseTimeout.TotalMinutes:0} minutes without a heartbeat takes it over."));
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

        /// <summary>
        /// Writes <paramref name="state"/> with a fresh heartbeat (and <paramref name="phase"/>); returns what was written.
        /// A lease held for scripts ends here unless <paramref name="leaseUntil"/> sets one again.
        /// </summary>
        private async Task<RotationState> SaveStateAsync(RotationState state, RotationPhase? phase = null, DateTimeOffset? leaseUntil = null)
        {
            var saved = state.With(s =>
            {
                if (phase.HasValue) s.Phase = phase.Value;
                s.Heartbeat = _options.UtcNow();
                s.LeaseUntil = leaseUntil;
            });
            await _vault.WriteStateAsync(saved).ConfigureAwait(false);
            return saved;
        }

        /// <summary>
        /// Leaves the state this run last wrote for the next run and gives up the lease, so the next run (on any machine)
        /// need not wait for the lease timeout. Failing to write is harmless: the lease then expires by the usual rules.
        /// </summary>
        private async Task TryParkAsync(RotationPhase? phase = null)
        {
            var latest = _vault.LastWritten;
            if (latest == null || latest.Lease?.RunId != _runId) return;
            try
            {
                await _vault.WriteStateAsync(latest.With(s =>
                {
                    if (phase.HasValue) s.Phase = phase.Value;
                    s.Lease = null;
                    s.LeaseUntil = null;
                    s.Heartbeat = _options.UtcNow();
                })).ConfigureAwait(false);
            }
            catch (Exception) { }
        }

        private void Note(string step) => _request.Note?.Invoke($"{Vault}/{Secret}: {step}");

        private string NextRunNote() => _vault.LastWritten == null ? "Nothing was changed." :
            $"The vault still holds a working key; the next Invoke-WandbKeyRotation of '{Secret}' resumes or rolls back.";

        private string Description(RotationState state)
        {
            var name = string.IsNullOrWhiteSpace(_request.NewKeyName)
                ? $"Rotated {_options.UtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z from {state.OldKeyId}"
                : _request.NewKeyName!.Trim();
            return name + " " + state.Marker;
        }

        private static bool IsStop(Exception e, CancellationToken ct) => e is OperationCanceledException && ct.IsCancellationRequested;

        /// <summary>Exception text for a message, scrubbed: script errors are the user's text and may quote a key.</summary>
        private static string Describe(Exception e) => Redaction.Scrub((e.Message ?? e.GetType().Name).Trim().TrimEnd('.')) + ".";

        private static string NewRunId() => Guid.NewGuid().ToString("N").Substring(0, 16);
    }
}
