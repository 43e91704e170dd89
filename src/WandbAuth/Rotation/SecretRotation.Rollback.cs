using System;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Rotation
{
    /// <summary>Rollback: delete the new key, clear the pending secret and the state. The secret still holds the old key.</summary>
    internal sealed partial class SecretRotation
    {
        private async Task<RotationOutcome> RollBackAsync(string reason, CancellationToken ct)
        {
            Note($"rolling back: {reason}");
            string? notDeleted = null;
            try { await DeleteNewKeyAsync(ct).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { notDeleted = Describe(e); }

            // Pending goes even when the delete failed: a pending key with a RollingBack state is never promoted.
            try { await _vault.ClearAsync(_names.Pending).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { }

            if (notDeleted != null)
            {
                await TryParkAsync(RotationPhase.RollingBack).ConfigureAwait(false);
                return RotationOutcome.RolledBack($"{reason} '{Secret}' still holds the old key {_state!.OldKeyId}. " +
                    $"The new key could not be deleted ({notDeleted}); the next Invoke-WandbKeyRotation of '{Secret}' deletes it.");
            }
            try
            {
                await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
                _state = null;
            }
            catch (Exception e) when (!IsStop(e, ct)) { await TryParkAsync().ConfigureAwait(false); }
            _report.NewKeyId = null;
            return RotationOutcome.RolledBack($"{reason} Rolled back: the new key was deleted and '{Secret}' still holds the old key {_report.OldKeyId}.");
        }

        /// <summary>As the old key, by node id; when the create's answer never named the key, by this run's marker.</summary>
        private async Task DeleteNewKeyAsync(CancellationToken ct)
        {
            var asKey = _oldKey ?? _newKey!;
            if (_state!.NewKeyNodeId != null) await _server.DeleteAsync(asKey, _state.NewKeyNodeId, ct).ConfigureAwait(false);
            else await _server.DeleteMarkedAsync(asKey, _state.Marker, ct).ConfigureAwait(false);
        }
    }
}
