using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Rotation
{
    /// <summary>Steps 4-8: verify the pending key, run the scripts, promote it into the secret, delete the old key, clean up.</summary>
    internal sealed partial class SecretRotation
    {
        /// <summary>Step 4: the new key must work and belong to the old key's owner. Then step 5.</summary>
        private async Task<RotationOutcome> VerifyAsync(CancellationToken ct)
        {
            KeyOnServer? fresh;
            try { fresh = await _server.IdentifyIfValidAsync(_newKey!, ct).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await RollBackAsync($"Could not verify the new key with W&B: {Describe(e)}", ct).ConfigureAwait(false);
            }
            if (fresh == null)
                return await RollBackAsync("W&B rejected the new key when it was verified.", ct).ConfigureAwait(false);
            if (!string.Equals(fresh.Owner, _state!.Owner, StringComparison.Ordinal))
                return await RollBackAsync($"The new key belongs to {fresh.Owner}, not to {_state.Owner}.", ct).ConfigureAwait(false);
            _state.NewKeyId = fresh.KeyId;
            _report.NewKeyId = fresh.KeyId;
            Note($"verified the new key {fresh.KeyId}: W&B accepts it as {fresh.Owner}.");

            var scripts = await RunScriptsAsync(ct).ConfigureAwait(false);
            if (scripts != null) return await RollBackAsync(scripts, ct).ConfigureAwait(false);
            return await PromoteAsync(ct).ConfigureAwait(false);
        }

        /// <summary>Step 5: the test script, then the update script. Returns why one failed, or null.</summary>
        private async Task<string?> RunScriptsAsync(CancellationToken ct)
        {
            foreach (var (script, what, handsOn) in new[] { (_request.TestScript, "test script", false), (_request.UpdateScript, "update script", true) })
            {
                if (script == null) continue;
                Note($"running the {what} with the new key.");
                _handedOn |= handsOn;
                try { await script(_newKey!, ct).ConfigureAwait(false); }
                catch (Exception e) when (!IsStop(e, ct)) { return $"The {what} failed: {Describe(e)}"; }
            }
            return null;
        }

        /// <summary>Step 6: the new key replaces the old one in the secret, read back to be sure.</summary>
        private async Task<RotationOutcome> PromoteAsync(CancellationToken ct)
        {
            if (await LostClaimAsync(promoted: false, ct).ConfigureAwait(false) is RotationOutcome lost) return lost;
            Exception? failure = null;
            try
            {
                if (!await _vault.WriteKeyAsync(Secret, _newKey!, Metadata()).ConfigureAwait(false))
                    failure = new VaultException($"the key read back from '{Secret}' differs from the one written");
            }
            catch (Exception e) when (!IsStop(e, ct)) { failure = e; }

            if (failure != null)
            {
                var recovered = await RecoverPromoteAsync(failure, ct).ConfigureAwait(false);
                if (recovered.HasValue) return recovered.Value;
            }

            Note($"stored the new key in '{Secret}'.");
            return await FinishAsync(ct).ConfigureAwait(false);
        }

        /// <summary>The secret holds the new key: record it, hand the key on, delete the old key, clean up.</summary>
        private async Task<RotationOutcome> FinishAsync(CancellationToken ct)
        {
            // A stale phase only makes the next run redo idempotent steps, so a failed write does not stop this.
            try { await SaveStateAsync(RotationPhase.Promoted).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { }
            var told = await TellNewKeyStoredAsync(ct).ConfigureAwait(false);
            var outcome = await DeleteOldAsync(ct).ConfigureAwait(false);
            return told == null ? outcome : Append(outcome, told);
        }

        /// <summary>
        /// The promote write failed. What the secret holds decides: the new key (it landed after all) goes on;
        /// the old key rolls back; anything else gets the old key written back first. If neither key can be
        /// written, the pending secret keeps the new, working key and the next run promotes it.
        /// </summary>
        private async Task<RotationOutcome?> RecoverPromoteAsync(Exception failure, CancellationToken ct)
        {
            var why = $"Could not store the new key in '{Secret}': {Describe(failure)}";
            SecureString? current = null;
            bool readable = true;
            try { current = await _vault.ReadKeyAsync(Secret).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { readable = false; }

            if (current != null && SecretText.AreEqual(current, _newKey!)) return null;
            if (readable && current != null && _oldKey != null && SecretText.AreEqual(current, _oldKey))
                return await RollBackAsync(why, ct).ConfigureAwait(false);

            if (_oldKey != null)
            {
                try
                {
                    // The old key's metadata is not known here; the key itself is what matters.
                    if (await _vault.WriteKeyAsync(Secret, _oldKey, null).ConfigureAwait(false))
                        return await RollBackAsync(why + " The old key was written back.", ct).ConfigureAwait(false);
                }
                catch (Exception e) when (!IsStop(e, ct)) { }
            }
            await TryParkAsync().ConfigureAwait(false);
            return RotationOutcome.Failed($"{why} The new, working key is kept in '{_names.Pending}'; the next Invoke-WandbKeyRotation of '{Secret}' stores it in '{Secret}'.");
        }

        /// <summary>Step 7: the owner deletes its old key as the new key, which also proves the new key works.</summary>
        private async Task<RotationOutcome> DeleteOldAsync(CancellationToken ct)
        {
            if (await LostClaimAsync(promoted: true, ct).ConfigureAwait(false) is RotationOutcome lost) return lost;
            if (!_state!.KeepOldKey)
            {
                Note($"deleting the old key {_state.OldKeyId}.");
                try { await _server.DeleteAsync(_newKey!, _state.OldKeyNodeId, ct).ConfigureAwait(false); }
                catch (Exception e) when (!IsStop(e, ct))
                {
                    await TryParkAsync(RotationPhase.DeleteOldPending).ConfigureAwait(false);
                    return RotationOutcome.Failed(
                        $"'{Secret}' holds the new, working key {_state.NewKeyId}, but deleting the old key {_state.OldKeyId} failed: {Describe(e)} " +
                        $"The next Invoke-WandbKeyRotation of '{Secret}' finishes the delete.");
                }
            }
            return await CleanUpAsync(ct).ConfigureAwait(false);
        }

        /// <summary>
        /// Step 8: both helper secrets are cleared (overwritten with the tombstone, never removed: see VaultSteps). The
        /// pending secret goes first, so the new key is not left in two places, and a leftover state never points at
        /// a missing key it still needs.
        /// </summary>
        private async Task<RotationOutcome> CleanUpAsync(CancellationToken ct)
        {
            var done = _state!.KeepOldKey
                ? $"'{Secret}' holds the new key {_state.NewKeyId}; the old key {_state.OldKeyId} was kept as asked."
                : $"'{Secret}' holds the new key {_state.NewKeyId}; the old key {_state.OldKeyId} was deleted.";
            try
            {
                await _vault.ClearAsync(_names.Pending).ConfigureAwait(false);
                await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                await TryParkAsync().ConfigureAwait(false);
                return RotationOutcome.Completed($"{done} Clearing its working secrets failed ({Describe(e)}); the next run tidies them.");
            }
            _state = null;
            return RotationOutcome.Completed(done);
        }

        private async Task<string?> TellNewKeyStoredAsync(CancellationToken ct)
        {
            if (_request.NewKeyStored == null) return null;
            _handedOn = true;
            try { await _request.NewKeyStored(_newKey!, ct).ConfigureAwait(false); return null; }
            catch (Exception e) when (!IsStop(e, ct)) { return $"Handing on the new key failed: {Describe(e)}"; }
        }

        private System.Collections.Generic.IDictionary<string, string> Metadata() =>
            KeyMetadata.For(_state!.NewKeyId ?? "", _server.BaseUrl, _state.Owner, _options.UtcNow().UtcDateTime);

        private static RotationOutcome Append(RotationOutcome outcome, string note) => outcome.Status switch
        {
            RotationStatus.Completed => RotationOutcome.Completed(outcome.Message + " " + note),
            RotationStatus.RolledBack => RotationOutcome.RolledBack(outcome.Message + " " + note),
            _ => RotationOutcome.Failed(outcome.Message + " " + note),
        };
    }
}
