using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Rotation
{
    /// <summary>Verify the new key, run the scripts, promote it into the secret, hand it on, delete the old key, clean up.</summary>
    internal sealed partial class SecretRotation
    {
        /// <summary>Verify: the new key must work and belong to the old key's owner.</summary>
        private async Task<Next> VerifyAsync(RotationWork work, CancellationToken ct)
        {
            KeyOnServer? fresh;
            try { fresh = await _server.IdentifyIfValidAsync(work.NewKey!, ct).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await RollBackAsync(work, $"Could not verify the new key with W&B: {Describe(e)}", ct).ConfigureAwait(false);
            }
            var state = work.State!;
            if (fresh == null)
                return await RollBackAsync(work, "W&B rejected the new key when it was verified.", ct).ConfigureAwait(false);
            if (!string.Equals(fresh.Owner, state.Owner, StringComparison.Ordinal))
                return await RollBackAsync(work, $"The new key belongs to {fresh.Owner}, not to {state.Owner}.", ct).ConfigureAwait(false);
            Note($"verified the new key {fresh.KeyId}: W&B accepts it as {fresh.Owner}.");
            return Next.To(RotationStep.Scripts, work.WithNewKey(work.NewKey, fresh.KeyId).WithState(state.With(s => s.NewKeyId = fresh.KeyId)));
        }

        /// <summary>
        /// Scripts: the test script, then the update script, while the lease is kept fresh. A failure rolls back, except
        /// after a forward promote (the secret already holds the new key): then the next run runs them again.
        /// </summary>
        private async Task<Next> RunScriptsAsync(RotationWork work, CancellationToken ct)
        {
            foreach (var (script, what, handsOn) in new[] { (_request.TestScript, "test script", false), (_request.UpdateScript, "update script", true) })
            {
                if (script == null) continue;
                Note($"running the {what} with the new key.");
                if (handsOn) work = work.HandingOn();
                try { await KeepingLeaseAsync(script(work.NewKey!, ct), ct).ConfigureAwait(false); }
                catch (Exception e) when (!IsStop(e, ct))
                {
                    var failed = $"The {what} failed: {Describe(e)}";
                    return work.PromotedForward
                        ? await ScriptsFailedForwardAsync(work, failed).ConfigureAwait(false)
                        : await RollBackAsync(work, failed, ct).ConfigureAwait(false);
                }
            }
            if (!work.PromotedForward) return Next.To(RotationStep.Promote, work);

            // Vault call: the scripts owed since a forward promote have run; recorded so that a later resume (the old
            // key's delete failing, say) does not run them again. A failure only means they might run twice.
            try { work = work.WithState(await SaveStateAsync(work.State!, RotationPhase.Creating).ConfigureAwait(false)); }
            catch (Exception e) when (!IsStop(e, ct)) { }
            return Next.To(RotationStep.HandOn, work);
        }

        /// <summary>
        /// Waits for a script, refreshing the lease every HeartbeatInterval meanwhile: a script that outlives the lease
        /// timeout must not let another machine take the rotation over. Refreshing stops once the lease is found lost
        /// (the check before the promote then backs off); a refresh that fails is tried again at the next beat.
        /// </summary>
        private async Task KeepingLeaseAsync(Task script, CancellationToken ct)
        {
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                while (!script.IsCompleted)
                {
                    var beat = Task.Delay(_options.HeartbeatInterval, done.Token);
                    if (await Task.WhenAny(script, beat).ConfigureAwait(false) == script) break;
                    try
                    {
                        // Vault calls (only while a script runs longer than a beat): see VaultSteps.RefreshLeaseAsync.
                        if (!await _vault.RefreshLeaseAsync(_runId, _options.UtcNow()).ConfigureAwait(false)) break;
                        Note("refreshed the rotation's lease while the script runs.");
                    }
                    catch (Exception e) when (!IsStop(e, ct)) { }
                }
            }
            finally { done.Cancel(); }
            await script.ConfigureAwait(false);
        }

        /// <summary>Promote: the new key replaces the old one in the secret, read back to be sure.</summary>
        private async Task<Next> PromoteAsync(RotationWork work, CancellationToken ct)
        {
            if (await LostClaimAsync(work, promoted: false, ct).ConfigureAwait(false) is Next lost) return lost;
            Exception? failure = null;
            try
            {
                // Vault calls: the promote, read back. The old key is deleted only once the secret is seen to hold the new one.
                if (!await _vault.WriteKeyAsync(Secret, work.NewKey!, Metadata(work.State!)).ConfigureAwait(false))
                    failure = new VaultException($"the key read back from '{Secret}' differs from the one written");
            }
            catch (Exception e) when (!IsStop(e, ct)) { failure = e; }

            if (failure != null && await RecoverPromoteAsync(work, failure, ct).ConfigureAwait(false) is Next recovered) return recovered;
            Note($"stored the new key in '{Secret}'.");
            return Next.To(RotationStep.HandOn, work);
        }

        /// <summary>
        /// The promote write failed. What the secret holds decides: the new key (it landed after all) goes on;
        /// the old key rolls back; anything else gets the old key written back first. If neither key can be
        /// written, the pending secret keeps the new, working key and the next run promotes it.
        /// </summary>
        private async Task<Next?> RecoverPromoteAsync(RotationWork work, Exception failure, CancellationToken ct)
        {
            var why = $"Could not store the new key in '{Secret}': {Describe(failure)}";
            SecureString? current = null;
            bool readable = true;
            try { current = await _vault.ReadKeyAsync(Secret).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { readable = false; }

            if (current != null && SecretText.AreEqual(current, work.NewKey!)) return null;
            if (readable && current != null && work.OldKey != null && SecretText.AreEqual(current, work.OldKey))
                return await RollBackAsync(work, why, ct).ConfigureAwait(false);

            if (work.OldKey != null)
            {
                try
                {
                    // The old key's metadata is not known here; the key itself is what matters.
                    if (await _vault.WriteKeyAsync(Secret, work.OldKey, null).ConfigureAwait(false))
                        return await RollBackAsync(work, why + " The old key was written back.", ct).ConfigureAwait(false);
                }
                catch (Exception e) when (!IsStop(e, ct)) { }
            }
            await TryParkAsync().ConfigureAwait(false);
            return Next.End(RotationOutcome.Failed($"{why} The new, working key is kept in '{_names.Pending}'; the next Invoke-WandbKeyRotation of '{Secret}' stores it in '{Secret}'."), work);
        }

        /// <summary>
        /// HandOn: the secret holds the new key; whoever uses the old one is told: the session, when it is connected with
        /// the key being replaced (deleting it would break its next cmdlet), and the Azure DevOps variable. A failure here
        /// is reported in the result, never rolled back: the secret already holds a working key.
        /// </summary>
        private async Task<Next> HandOnAsync(RotationWork work, CancellationToken ct)
        {
            var oldKeyId = work.State!.OldKeyId;
            if (_request.Session is ISessionKey session && session.IsSessionKey(oldKeyId))
            {
                work = work.HandingOn();
                try
                {
                    work = work.WithNote(await session.SwitchAsync(oldKeyId, work.NewKey!, work.NewKeyId).ConfigureAwait(false));
                    Note($"switched this session's connection to the new key {work.NewKeyId}.");
                }
                catch (Exception e) when (!IsStop(e, ct))
                {
                    work = work.WithNote($"Switching this session to the new key failed ({Describe(e).TrimEnd('.')}); run Connect-Wandb before the next command.");
                }
            }
            if (_request.NewKeyStored == null) return Next.To(RotationStep.DeleteOld, work);
            work = work.HandingOn();
            try { await _request.NewKeyStored(work.NewKey!, ct).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct)) { work = work.WithNote($"Handing on the new key failed: {Describe(e)}"); }
            return Next.To(RotationStep.DeleteOld, work);
        }

        /// <summary>DeleteOld: the owner deletes its old key as the new key, which also proves the new key works.</summary>
        private async Task<Next> DeleteOldAsync(RotationWork work, CancellationToken ct)
        {
            if (await LostClaimAsync(work, promoted: true, ct).ConfigureAwait(false) is Next lost) return lost;
            var state = work.State!;
            if (!state.KeepOldKey)
            {
                Note($"deleting the old key {state.OldKeyId}.");
                try { await _server.DeleteAsync(work.NewKey!, state.OldKeyNodeId, ct).ConfigureAwait(false); }
                catch (Exception e) when (!IsStop(e, ct))
                {
                    await TryParkAsync().ConfigureAwait(false);
                    return Next.End(RotationOutcome.Failed(
                        $"'{Secret}' holds the new, working key {work.NewKeyId}, but deleting the old key {state.OldKeyId} failed: {Describe(e)} " +
                        $"The next Invoke-WandbKeyRotation of '{Secret}' finishes the delete."), work);
                }
            }
            return Next.To(RotationStep.CleanUp, work);
        }

        /// <summary>
        /// CleanUp: both helper secrets are cleared (overwritten with the tombstone, never removed: see VaultSteps). The
        /// pending secret goes first, so the new key is not left in two places, and a leftover state never points at
        /// a missing key it still needs.
        /// </summary>
        private async Task<Next> CleanUpAsync(RotationWork work, CancellationToken ct)
        {
            var state = work.State!;
            var done = state.KeepOldKey
                ? $"'{Secret}' holds the new key {work.NewKeyId}; the old key {state.OldKeyId} was kept as asked."
                : $"'{Secret}' holds the new key {work.NewKeyId}; the old key {state.OldKeyId} was deleted.";
            try
            {
                // Vault calls: the pending secret cleared (one), then the state cleared if still ours (two; see ClearStateAsync).
                await _vault.ClearAsync(_names.Pending).ConfigureAwait(false);
                await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                await TryParkAsync().ConfigureAwait(false);
                return Next.End(RotationOutcome.Completed($"{done} Clearing its working secrets failed ({Describe(e)}); the next run tidies them."), work);
            }
            return Next.End(RotationOutcome.Completed(done), work.WithState(null));
        }

        private System.Collections.Generic.IDictionary<string, string> Metadata(RotationState state) =>
            KeyMetadata.For(state.NewKeyId ?? "", _server.BaseUrl, state.Owner, _options.UtcNow().UtcDateTime);
    }
}
