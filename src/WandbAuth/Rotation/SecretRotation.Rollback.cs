using System;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Rotation
{
    /// <summary>Rollback: delete the new key, clear the pending secret and the state. The secret still holds the old key.</summary>
    internal sealed partial class SecretRotation
    {
        private async Task<Next> RollBackAsync(RotationWork work, string reason, CancellationToken ct)
        {
            Note($"rolling back: {reason}");
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
                    $"The new key could not be deleted ({notDeleted}); the next Invoke-WandbKeyRotation of '{Secret}' deletes it."), work);
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
