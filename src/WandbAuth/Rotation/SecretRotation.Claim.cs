using System;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Credentials;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// The final check before each irreversible step. The state secret of a secret rotated before is claimed by
    /// writing it and reading it back (VaultSteps.TryClaimStateAsync), and every later state write is an overwrite
    /// too, so two runs on two machines can both believe they hold it. Whoever wrote the state last holds it. Right
    /// before promoting and right before deleting the old key a run re-reads the state (and, before the delete, the
    /// secret), and goes on only while the state still names this run and (after the promote) the secret holds this
    /// run's new key. Otherwise it backs off, which is harmless to the winner:
    /// - the old key is never touched: the secret may still hold it, and the winner may need it to roll back;
    /// - this run's new key is deleted only when the secret was read and holds another value (a secret that reads
    ///   as absent proves nothing: a vault that answers nothing must never cost the key it may hold), the winner
    ///   is not carrying on this same rotation (a takeover of an expired lease, which continues with this key),
    ///   and no update script or hand-on has been given it (deleting it would lock those out);
    /// - the pending secret is cleared when it holds this run's new key, except for a takeover, which needs it.
    /// </summary>
    internal sealed partial class SecretRotation
    {
        /// <summary>Null while this run still holds the rotation; otherwise how it backed off.</summary>
        private async Task<Next?> LostClaimAsync(RotationWork work, bool promoted, CancellationToken ct)
        {
            // Vault call: the state, which the claim could not make exclusive between machines.
            var held = (await _vault.ReadStateAsync().ConfigureAwait(false)).State;
            bool stateOurs = held?.Lease?.RunId == _runId;
            // Vault call, before the old key's delete (and whenever the claim is lost): the secret. Another run may have
            // stored its key there since the promote, and deleting the old key cannot be undone.
            var current = promoted || !stateOurs ? await _vault.ReadKeyAsync(Secret).ConfigureAwait(false) : null;
            bool secretHoldsOurs = current != null && SecretText.AreEqual(current, work.NewKey!);
            if (stateOurs && (!promoted || secretHoldsOurs)) return null;

            var state = work.State!;
            var step = promoted ? $"deleting the old key {state.OldKeyId}" : $"storing its new key in '{Secret}'";
            var cause = stateOurs && current == null ? $"'{Secret}' could not be read back after the new key was stored"
                : stateOurs ? $"'{Secret}' was overwritten meanwhile: another rotation of '{Secret}' took over"
                : held == null ? $"'{_names.State}' no longer holds this rotation: another rotation of '{Secret}' took over (and finished), or it was cleared by hand"
                : $"Another rotation of '{Secret}' took over" + (held.Lease != null ? $" on {held.Lease}" : "");
            var head = $"{cause}, so this run stopped before {step}. It left the old key {state.OldKeyId} alone";
            Note($"another rotation of '{Secret}' took over; backing off.");

            // Taken over by a run resuming this very rotation: that run carries on with this run's new key.
            if (!stateOurs && held != null && string.Equals(held.RunId, state.RunId, StringComparison.Ordinal))
                return Next.End(RotationOutcome.Failed($"{head} and its new key {work.NewKeyId} to that run, which finishes the rotation."), work.WithState(null));

            string tail;
            if (secretHoldsOurs) tail = $" and kept its new key {work.NewKeyId}, which '{Secret}' holds.";
            else if (current == null) tail = $" and kept its new key {work.NewKeyId}: '{Secret}' could not be read to show that it does not hold it.";
            else if (work.HandedOn) tail = $" and kept its new key {work.NewKeyId}, which was already handed on (update script or Azure DevOps variable); delete it once nothing uses it.";
            else (tail, work) = await DeleteOwnNewKeyAsync(work, ct).ConfigureAwait(false);

            try { await _vault.ClearIfHoldsAsync(_names.Pending, work.NewKey!).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { tail += $" Clearing '{_names.Pending}' failed ({Describe(e).TrimEnd('.')}); a later run clears it."; }

            // Still ours, but the secret no longer holds our key: someone else wrote it. Leave the state to the next run.
            if (stateOurs) await TryParkAsync().ConfigureAwait(false);
            return Next.End(RotationOutcome.Failed(head + tail), work.WithState(null));
        }

        /// <summary>Deletes this run's new key, as itself (the old key may be gone already). Returns the message's tail.</summary>
        private async Task<(string tail, RotationWork work)> DeleteOwnNewKeyAsync(RotationWork work, CancellationToken ct)
        {
            var id = work.NewKeyId;
            var state = work.State!;
            try
            {
                if (state.NewKeyNodeId != null) await _server.DeleteAsync(work.NewKey!, state.NewKeyNodeId, ct).ConfigureAwait(false);
                else await _server.DeleteMarkedAsync(work.NewKey!, state.Marker, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return ($"; deleting its own new key {id} failed ({Describe(e).TrimEnd('.')}), so delete that key yourself.", work);
            }
            return ($" and deleted its own new key {id}.", work.WithoutNewKeyId());
        }
    }
}
