using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Credentials;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// Resuming an abandoned rotation: take it over, read what S and the pending secret hold, ask W&amp;B about both, and do
    /// what RotationTable says. Every path ends with one working key in the secret, the old key deleted and no extra
    /// live key, or stops with a working key kept.
    /// </summary>
    internal sealed partial class SecretRotation
    {
        /// <summary>
        /// Takes over by overwriting the lease and reading it back: of two runs taking over at once, the one whose lease
        /// did not stick backs off. (Remove then create-if-absent would be atomic between takers, but a crash between the
        /// two calls would leave the pending key with no state pointing at it.)
        /// </summary>
        private async Task<Next> TakeOverAsync(RotationState found, RotationWork work)
        {
            var mine = found.With(s => { s.Lease = _options.Identity.WithRun(_runId); s.Heartbeat = _options.UtcNow(); });
            await _vault.WriteStateAsync(mine).ConfigureAwait(false);
            var held = (await _vault.ReadStateAsync().ConfigureAwait(false)).State;
            if (held?.Lease?.RunId != _runId) return Next.End(InProgress(held), work);
            return Next.To(RotationStep.Resume, work.Resuming(mine));
        }

        private async Task<Next> ResumeAsync(RotationWork work, CancellationToken ct)
        {
            var state = work.State!;
            var current = Checked(await _vault.ReadKeyAsync(Secret).ConfigureAwait(false));
            var pending = Checked(await _vault.ReadKeyAsync(_names.Pending).ConfigureAwait(false));
            var currentInfo = current == null ? null : await _server.IdentifyIfValidAsync(current, ct).ConfigureAwait(false);
            var pendingInfo = pending == null ? null : await _server.IdentifyIfValidAsync(pending, ct).ConfigureAwait(false);
            var pendingHolds = pending == null ? PendingHolds.Nothing
                : pendingInfo == null ? PendingHolds.KeyWandbRejects
                : string.Equals(pendingInfo.Owner, state.Owner, StringComparison.Ordinal) ? PendingHolds.NewKey
                : PendingHolds.KeyOfAnotherOwner;

            while (true)
            {
                var secretHolds = Classify(state, current, currentInfo, pendingHolds == PendingHolds.NewKey ? pending : null, pendingInfo);
                var row = RotationTable.Decide(state.Phase, secretHolds, pendingHolds);
                switch (row.Action)
                {
                    case ResumeAction.DiscardPending:
                        await _vault.ClearAsync(_names.Pending).ConfigureAwait(false);
                        pendingHolds = PendingHolds.Nothing;
                        continue;
                    case ResumeAction.Finish:
                    case ResumeAction.RunScriptsThenFinish:
                    case ResumeAction.VerifyAgain:
                    case ResumeAction.PromoteForward:
                        var (newKey, newInfo) = pendingHolds == PendingHolds.NewKey ? (pending!, pendingInfo!) : (current!, currentInfo!);
                        var withNew = work.WithNewKey(newKey, newInfo.KeyId)
                            .WithState(state.With(s => { s.NewKeyNodeId = newInfo.NodeId; s.NewKeyId = newInfo.KeyId; }));
                        return row.Action switch
                        {
                            ResumeAction.Finish => Next.To(RotationStep.HandOn, withNew),
                            ResumeAction.RunScriptsThenFinish => Next.To(RotationStep.Scripts, withNew.AfterForwardPromote()),
                            // The secret still holds the old key: verify again and re-run the scripts (they may not have finished).
                            ResumeAction.VerifyAgain => Next.To(RotationStep.Verify, withNew.WithOldKey(current, work.OldKeyId)),
                            _ => Next.To(RotationStep.PromoteForward, withNew),
                        };
                    case ResumeAction.DeleteMarkedAndRestart:
                        return await RestartAsync(work, current!, ct).ConfigureAwait(false);
                    case ResumeAction.StopPendingOfAnotherOwner:
                        await TryParkAsync().ConfigureAwait(false);
                        return Next.End(RotationOutcome.Failed($"'{_names.Pending}' holds a key of {pendingInfo!.Owner}, but the interrupted rotation was for {state.Owner}. Nothing was changed; check both secrets."), work);
                    case ResumeAction.StopForeignKeyInSecret:
                        await TryParkAsync().ConfigureAwait(false);
                        return Next.End(RotationOutcome.Failed($"'{Secret}' holds the key {currentInfo!.KeyId}, neither the old key {state.OldKeyId} nor the new key {pendingInfo!.KeyId} " +
                            $"of the interrupted rotation. Nothing was changed; check it, then remove '{_names.State}' and '{_names.Pending}'."), work.WithNewKey(null, pendingInfo.KeyId));
                    default:
                        await TryParkAsync().ConfigureAwait(false);
                        return Next.End(RotationOutcome.Failed($"Neither '{Secret}' nor '{_names.Pending}' holds a key W&B accepts, so the interrupted rotation cannot go on. Nothing was changed."), work);
                }
            }
        }

        /// <summary>
        /// What S holds, for the table. The new key is the pending key when that is the owner's, else the key listed under
        /// the node id the state recorded for it.
        /// </summary>
        private static SecretHolds Classify(RotationState state, SecureString? current, KeyOnServer? currentInfo, SecureString? pendingNew, KeyOnServer? pendingInfo)
        {
            if (current == null || currentInfo == null) return SecretHolds.NoWorkingKey;
            if (pendingNew != null) { if (SecretText.AreEqual(current, pendingNew)) return SecretHolds.NewKey; }
            else if (state.NewKeyNodeId != null && string.Equals(currentInfo.NodeId, state.NewKeyNodeId, StringComparison.Ordinal)) return SecretHolds.NewKey;
            return string.Equals(currentInfo.NodeId, state.OldKeyNodeId, StringComparison.Ordinal) ? SecretHolds.OldKey : SecretHolds.OtherKey;
        }

        /// <summary>
        /// PromoteForward: the secret holds no working key but the pending secret does. Promote it first (a rollback needs
        /// a working old key, and there is none), then run the scripts, then delete the old key.
        /// </summary>
        private async Task<Next> PromoteForwardAsync(RotationWork work, CancellationToken ct)
        {
            if (await LostClaimAsync(work, promoted: false, ct).ConfigureAwait(false) is Next lost) return lost;
            // Vault call: ScriptsPending recorded before the write, so that whatever happens next the scripts still run
            // before the old key goes.
            work = work.WithState(await SaveStateAsync(work.State!, RotationPhase.ScriptsPending).ConfigureAwait(false));
            bool stored;
            try { stored = await _vault.WriteKeyAsync(Secret, work.NewKey!, Metadata(work.State!)).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { stored = false; }
            if (!stored)
            {
                await TryParkAsync().ConfigureAwait(false);
                return Next.End(RotationOutcome.Failed($"'{Secret}' holds no working key and could not be given the new one; the new, working key stays in '{_names.Pending}'."), work);
            }
            return Next.To(RotationStep.Scripts, work.AfterForwardPromote());
        }

        /// <summary>
        /// DeleteMarkedAndRestart: the secret holds the old key. A create whose answer or pending write was lost left at
        /// most keys carrying this state's marker, which nobody holds: delete them, forget the state, rotate afresh.
        /// </summary>
        private async Task<Next> RestartAsync(RotationWork work, SecureString current, CancellationToken ct)
        {
            int orphans = await _server.DeleteMarkedAsync(current, work.State!.Marker, ct).ConfigureAwait(false);
            await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
            work = work.WithState(null);
            if (orphans > 0) work = work.WithNote($"{orphans} unheld key(s) from the interrupted rotation were deleted.");
            return Next.To(RotationStep.Begin, work);
        }

        private async Task<Next> ScriptsFailedForwardAsync(RotationWork work, string failed)
        {
            await TryParkAsync(RotationPhase.ScriptsPending).ConfigureAwait(false);
            return Next.End(RotationOutcome.Failed($"'{Secret}' holds the new, working key {work.NewKeyId}, but: {failed} The old key {work.State!.OldKeyId} was not deleted; " +
                $"the next Invoke-WandbKeyRotation of '{Secret}' runs the scripts again, then deletes it."), work);
        }

        /// <summary>A stored value as a normalised key, or null when missing or not shaped like a key.</summary>
        private static SecureString? Checked(SecureString? stored)
        {
            if (stored == null) return null;
            try { return ApiKeyFormat.Check(stored).Key; }
            catch (ApiKeyFormatException) { return null; }
        }
    }
}
