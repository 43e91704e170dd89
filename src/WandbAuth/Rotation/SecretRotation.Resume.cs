using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Credentials;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// Resuming an abandoned rotation, decided from the state, the vault and the server. Every path ends with one
    /// working key in the secret, the old key deleted and no extra live key, or stops with a working key kept.
    /// </summary>
    internal sealed partial class SecretRotation
    {
        private async Task<RotationOutcome> ResumeAsync(RotationState found, CancellationToken ct)
        {
            // Take over by overwriting the lease and reading it back: of two runs taking over at once, the one
            // whose lease did not stick backs off. (Remove then create-if-absent would be atomic between takers,
            // but a crash between the two calls would leave the pending key with no state pointing at it.)
            found.Lease = _options.Identity.WithRun(_runId);
            found.Heartbeat = _options.UtcNow();
            await _vault.WriteStateAsync(found).ConfigureAwait(false);
            var held = await _vault.ReadStateAsync().ConfigureAwait(false);
            if (held?.Lease?.RunId != _runId) return InProgress(held);
            _state = found;
            _report.Owner = found.Owner;
            _report.OldKeyId = found.OldKeyId;
            return (await DecideAsync(ct).ConfigureAwait(false)).AsResumed();
        }

        private async Task<RotationOutcome> DecideAsync(CancellationToken ct)
        {
            var current = Checked(await _vault.ReadKeyAsync(Secret).ConfigureAwait(false));
            var pending = Checked(await _vault.ReadKeyAsync(_names.Pending).ConfigureAwait(false));
            var currentInfo = current == null ? null : await _server.IdentifyIfValidAsync(current, ct).ConfigureAwait(false);

            // A rollback that could not delete its key: that key (marked) is deleted below, never promoted,
            // unless it is the only working key left.
            if (pending != null && _state!.Phase == RotationPhase.RollingBack && currentInfo != null)
            {
                await _vault.ClearAsync(_names.Pending).ConfigureAwait(false);
                pending = null;
            }

            KeyOnServer? pendingInfo = null;
            if (pending != null)
            {
                pendingInfo = await _server.IdentifyIfValidAsync(pending, ct).ConfigureAwait(false);
                if (pendingInfo == null)
                {
                    await _vault.ClearAsync(_names.Pending).ConfigureAwait(false);
                    pending = null;
                }
                else if (!string.Equals(pendingInfo.Owner, _state!.Owner, StringComparison.Ordinal))
                {
                    await TryParkAsync().ConfigureAwait(false);
                    return RotationOutcome.Failed($"'{_names.Pending}' holds a key of {pendingInfo.Owner}, but the interrupted rotation was for {_state.Owner}. Nothing was changed; check both secrets.");
                }
            }

            return pending != null
                ? await ResumeWithPendingAsync(pending, pendingInfo!, current, currentInfo, ct).ConfigureAwait(false)
                : await ResumeWithoutPendingAsync(current, currentInfo, ct).ConfigureAwait(false);
        }

        private async Task<RotationOutcome> ResumeWithPendingAsync(SecureString pending, KeyOnServer pendingInfo,
            SecureString? current, KeyOnServer? currentInfo, CancellationToken ct)
        {
            _newKey = pending;
            _state!.NewKeyNodeId = pendingInfo.NodeId;
            _state.NewKeyId = pendingInfo.KeyId;
            _report.NewKeyId = pendingInfo.KeyId;

            if (current != null && SecretText.AreEqual(current, pending))
            {
                // Promoted already. Scripts ran before the promote, except after a forward promote.
                if (_state.Phase == RotationPhase.ScriptsPending)
                {
                    var failed = await RunScriptsAsync(ct).ConfigureAwait(false);
                    if (failed != null) return await ScriptsFailedForwardAsync(failed).ConfigureAwait(false);
                }
                return await FinishAsync(ct).ConfigureAwait(false);
            }

            if (currentInfo != null)
            {
                if (!string.Equals(currentInfo.NodeId, _state.OldKeyNodeId, StringComparison.Ordinal))
                {
                    await TryParkAsync().ConfigureAwait(false);
                    return RotationOutcome.Failed($"'{Secret}' holds the key {currentInfo.KeyId}, neither the old key {_state.OldKeyId} nor the new key {_state.NewKeyId} " +
                        $"of the interrupted rotation. Nothing was changed; check it, then remove '{_names.State}' and '{_names.Pending}'.");
                }
                // The secret still holds the old key: verify again and re-run the scripts (they may not have finished).
                _oldKey = current;
                return await VerifyAsync(ct).ConfigureAwait(false);
            }
            return await PromoteForwardAsync(ct).ConfigureAwait(false);
        }

        /// <summary>
        /// The secret holds no working key but the pending secret does: promote it first (a rollback needs a working
        /// old key, and there is none), then run the scripts, then delete the old key.
        /// </summary>
        private async Task<RotationOutcome> PromoteForwardAsync(CancellationToken ct)
        {
            if (await LostClaimAsync(promoted: false, ct).ConfigureAwait(false) is RotationOutcome lost) return lost;
            await SaveStateAsync(RotationPhase.ScriptsPending).ConfigureAwait(false);
            bool stored;
            try { stored = await _vault.WriteKeyAsync(Secret, _newKey!, Metadata()).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { stored = false; }
            if (!stored)
            {
                await TryParkAsync().ConfigureAwait(false);
                return RotationOutcome.Failed($"'{Secret}' holds no working key and could not be given the new one; the new, working key stays in '{_names.Pending}'.");
            }
            var failed = await RunScriptsAsync(ct).ConfigureAwait(false);
            if (failed != null) return await ScriptsFailedForwardAsync(failed).ConfigureAwait(false);
            return await FinishAsync(ct).ConfigureAwait(false);
        }

        private async Task<RotationOutcome> ResumeWithoutPendingAsync(SecureString? current, KeyOnServer? currentInfo, CancellationToken ct)
        {
            if (current == null || currentInfo == null)
            {
                await TryParkAsync().ConfigureAwait(false);
                return RotationOutcome.Failed($"Neither '{Secret}' nor '{_names.Pending}' holds a key W&B accepts, so the interrupted rotation cannot go on. Nothing was changed.");
            }

            if (_state!.NewKeyNodeId != null && string.Equals(currentInfo.NodeId, _state.NewKeyNodeId, StringComparison.Ordinal))
            {
                // Interrupted during clean-up: the secret already holds the new key.
                _newKey = current;
                _state.NewKeyId = currentInfo.KeyId;
                _report.NewKeyId = currentInfo.KeyId;
                return await FinishAsync(ct).ConfigureAwait(false);
            }

            // The secret holds the old key. A create whose answer or pending write was lost left at most keys
            // carrying this state's marker, which nobody holds: delete them, forget the state, rotate afresh.
            int orphans = await _server.DeleteMarkedAsync(current, _state.Marker, ct).ConfigureAwait(false);
            await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
            _state = null;
            var fresh = await RotateAsync(ct).ConfigureAwait(false);
            var note = orphans == 0 ? "" : $" {orphans} unheld key(s) from the interrupted rotation were deleted.";
            return note.Length == 0 ? fresh : Append(fresh, note.Trim());
        }

        private async Task<RotationOutcome> ScriptsFailedForwardAsync(string failed)
        {
            await TryParkAsync(RotationPhase.ScriptsPending).ConfigureAwait(false);
            return RotationOutcome.Failed($"'{Secret}' holds the new, working key {_state!.NewKeyId}, but: {failed} The old key {_state.OldKeyId} was not deleted; " +
                $"the next Invoke-WandbKeyRotation of '{Secret}' runs the scripts again, then deletes it.");
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
