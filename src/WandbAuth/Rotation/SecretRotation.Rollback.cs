using System;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// Rollback: delete the new key, clear the pending secret and the state. The secret still holds the old key. A new
    /// key already handed on (the update script ran, and may have given it out, even if it then failed) is kept instead:
    /// deleting it could lock out whatever got it, while an extra live key only waits to be deleted by hand.
    /// </summary>
    internal sealed partial class SecretRotation
    {
        private async Task<Next> RollBackAsync(RotationWork work, string reason, CancellationToken ct)
        {
            Note($"rolling back: {reason}");
            // Vault call(s): a run that lost the rotation to another (one whose script outlived the lease, say) must not
            // delete the key, or clear the pending secret, that the other run goes on with. Unsure is lost.
            try
            {
                if (await LostClaimAsync(work, promoted: false, ct).ConfigureAwait(false) is Next lost)
                    return Next.End(RotationOutcome.Failed($"{reason} {lost.Outcome.Message}"), lost.Work);
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                var note = NextRunNote();
                await TryParkAsync().ConfigureAwait(false);
                return Next.End(RotationOutcome.Failed($"{reason} Rolling back stopped: '{_names.State}' could not be read to check that this run still " +
                    $"holds the rotation ({Describe(e).TrimEnd('.')}), so nothing was deleted. {note}"), work);
            }
            if (work.HandedOn) return await RollBackKeepingNewKeyAsync(work, reason, ct).ConfigureAwait(false);
            string? notDeleted = null;
            try { await DeleteNewKeyAsync(work, ct).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { notDeleted = Describe(e); }

            // Vault call: pending goes even when the delete failed: a pending key with a RollingBack state is never promoted.
            try { await _vault.ClearAsync(_names.Pending).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { }

            if (notDeleted != null)
            {
                await TryParkAsync(RotationPhase.RollingBack).ConfigureAwait(false);
                return Next.End(RotationOutcome.RolledBack($"{reason} '{Secret}' still holds the old key {work.State!.OldKeyId}. " +
                    $"The new key could not be deleted ({notDeleted.TrimEnd('.')}); the next Invoke-WandbKeyRotation of '{Secret}' deletes it."), work);
            }
            try
            {
                // Vault calls: the state cleared if still ours (see ClearStateAsync).
                await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
                work = work.WithState(null);
            }
            catch (Exception e) when (!IsStop(e, ct)) { await TryParkAsync().ConfigureAwait(false); }
            return Next.End(RotationOutcome.RolledBack($"{reason} Rolled back: the new key was deleted and '{Secret}' still holds the old key {work.OldKeyId}."),
                work.WithoutNewKeyId());
        }

        /// <summary>
        /// The update script had the new key, so it stays live. The state goes first: a state left behind without the
        /// pending key would have the next run restart, and a state that says the key was handed on keeps it even then;
        /// if the state cannot be cleared, pending keeps the key too, and the next run verifies it, runs the scripts
        /// again and goes forward with it.
        /// </summary>
        private async Task<Next> RollBackKeepingNewKeyAsync(RotationWork work, string reason, CancellationToken ct)
        {
            Note($"keeping the new key {work.NewKeyId}: the update script had it and may have handed it on.");
            var kept = $"{reason} '{Secret}' still holds the old key {work.State!.OldKeyId}. The new key {work.NewKeyId} was kept, as the update script had it and may have handed it on";
            bool cleared;
            try { cleared = await _vault.ClearStateAsync(_runId).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct))
            {
                await TryParkAsync().ConfigureAwait(false);
                return Next.End(RotationOutcome.RolledBack($"{kept}. The rotation's state could not be cleared ({Describe(e).TrimEnd('.')}), so '{_names.Pending}' keeps the new key: " +
                    $"the next Invoke-WandbKeyRotation of '{Secret}' verifies it, runs the scripts again and finishes with it."), work);
            }
            if (!cleared)
                return Next.End(RotationOutcome.Failed($"{reason} '{_names.State}' no longer names this run (another run took the rotation over, or it was cleared " +
                    $"by hand), so the new key {work.NewKeyId} was kept and '{_names.Pending}' left as it is. Check what '{Secret}' holds, then delete whichever key nothing uses."), work);
            work = work.WithState(null);
            // Vault call: a pending key without a state is never promoted; whatever stops this clear (even a stop of the
            // pipeline) leaves a live key there, nothing worse, and the message below must still be given.
            try { await _vault.ClearAsync(_names.Pending).ConfigureAwait(false); }
            catch (Exception) { }
            return Next.End(RotationOutcome.RolledBack($"{kept}; once nothing uses it, delete it with Remove-WandbApiKey -KeyId {work.NewKeyId}."), work);
        }

        /// <summary>As the old key, by node id; when the create's answer never named the key, by this run's marker.</summary>
        private async Task DeleteNewKeyAsync(RotationWork work, CancellationToken ct)
        {
            var asKey = work.OldKey ?? work.NewKey!;
            var state = work.State!;
            if (state.NewKeyNodeId != null) await _server.DeleteAsync(asKey, state.NewKeyNodeId, ct).ConfigureAwait(false);
            else await _server.DeleteMarkedAsync(asKey, state.Marker, ct).ConfigureAwait(false);
        }
    }
}
