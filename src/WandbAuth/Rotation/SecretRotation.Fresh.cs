using System;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Keys;

namespace WandbAuth.Rotation
{
    /// <summary>Begin (read and identify the old key, claim the state, or find an interrupted rotation) and Create.</summary>
    internal sealed partial class SecretRotation
    {
        private async Task<Next> BeginAsync(RotationWork work, CancellationToken ct)
        {
            // Vault call: the old key, which the rotation acts as (the new key is created as it, so it has the same owner).
            var stored = await _vault.ReadKeyAsync(Secret).ConfigureAwait(false);
            var (refusal, old, identified) = await IdentifyOldKeyAsync(work, stored, ct).ConfigureAwait(false);
            work = identified;

            // Vault call: the state, read last, right before it is claimed, so that no other run's claim slips in
            // between unseen (beyond this one call). A live state is another run at work, or an interrupted rotation to
            // take over; a cleared one (a finished rotation's) reads as none.
            var read = await _vault.ReadStateAsync().ConfigureAwait(false);
            if (read.State is RotationState found)
            {
                // A run that already restarted a rotation it took over never takes over another.
                if (work.Resumed || !IsAbandoned(found)) return Next.End(InProgress(found), work);
                Note($"found an interrupted rotation ({found.Phase}, started {found.Started.UtcDateTime:u}); resuming it.");
                return await TakeOverAsync(found, work).ConfigureAwait(false);
            }
            if (refusal.HasValue) return Next.End(refusal.Value, work);

            var state = NewState(old!);
            // Vault call(s): the claim; see VaultSteps.TryClaimStateAsync for why it is one call the first time, two later.
            if (!await _vault.TryClaimStateAsync(state, read.Exists).ConfigureAwait(false))
                return Next.End(InProgress((await _vault.ReadStateAsync().ConfigureAwait(false)).State), work);
            return Next.To(RotationStep.Create, work.WithState(state));
        }

        /// <summary>
        /// Checks the stored value is a key and asks W&amp;B whose it is. Returns why it cannot be rotated (or null), the
        /// key as W&amp;B lists it, and the work with what was learnt either way.
        /// </summary>
        private async Task<(RotationOutcome? refusal, KeyOnServer? old, RotationWork work)> IdentifyOldKeyAsync(
            RotationWork work, System.Security.SecureString? stored, CancellationToken ct)
        {
            if (stored == null)
                return (RotationOutcome.Failed($"The vault '{Vault}' holds no secret named '{Secret}'. Nothing was changed."), null, work);
            CheckedKey old;
            try { old = ApiKeyFormat.Check(stored); }
            catch (ApiKeyFormatException e)
            {
                return (RotationOutcome.Failed($"The secret '{Secret}' does not hold a W&B API key: {e.Message} Nothing was changed."), null, work);
            }
            // A token of keyless sign-in is no key: refused before it is sent anywhere as one.
            if (KeylessIdentity.IsFederatedCredential(old.Kind))
                return (RotationOutcome.Failed(KeylessIdentity.CannotRotate(Secret), KeylessIdentity.ErrorId), null, work);

            KeyOnServer owner;
            try { owner = await _server.IdentifyAsync(old.Key, ct).ConfigureAwait(false); }
            catch (WandbApiException e)
            {
                return (RotationOutcome.Failed($"The {ApiKeyFormat.Describe(old.Kind)} key {old.KeyIdHint} in '{Secret}' cannot be rotated: {Describe(e)} Nothing was changed."),
                    null, work.WithOldKey(old.Key, old.KeyIdHint));
            }
            if (owner.NodeId == null)
                return (RotationOutcome.Failed($"W&B at {_server.BaseUrl} does not list the key {old.KeyIdHint} among {owner.Owner}'s keys, so it could not be deleted after rotating. Nothing was changed."),
                    null, work.WithOldKey(old.Key, old.KeyIdHint).WithOwner(owner.Owner));
            Note($"the {ApiKeyFormat.Describe(old.Kind)} key {owner.KeyId} belongs to {owner.Owner}.");
            return (null, owner, work.WithOldKey(old.Key, owner.KeyId).WithOwner(owner.Owner));
        }

        /// <summary>Create: the new key is created as the old key (so it has the same owner) and goes to the pending secret first.</summary>
        private async Task<Next> CreateAsync(RotationWork work, CancellationToken ct)
        {
            var state = work.State!;
            NewApiKey created;
            try { created = await _server.CreateAsync(work.OldKey!, Description(state), state.Marker, ct).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await AbandonCreateAsync(work, e, ct).ConfigureAwait(false);
            }
            state = state.With(s => s.NewKeyNodeId = created.Id);
            work = work.WithNewKey(created.Secret, null).WithState(state);
            Note($"created a new key for {state.Owner}; keeping it in '{_names.Pending}' until it is verified.");

            try
            {
                // Vault calls: the new key into the pending secret, read back. Until the promote that is its only stored
                // copy: a vault that kept something else must be caught before any script is handed the key.
                if (!await _vault.WriteKeyAsync(_names.Pending, created.Secret, null).ConfigureAwait(false))
                    return await RollBackAsync(work, $"The new key read back from '{_names.Pending}' differs from the key W&B issued.", ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await RollBackAsync(work, $"Could not store the new key in '{_names.Pending}': {Describe(e)}", ct).ConfigureAwait(false);
            }

            try
            {
                // Vault call: record the new key's node id. Once the clean-up has cleared the pending secret, it is how a
                // resume recognises the new key in S (rather than deleting it as an unheld marked key) and how a
                // rollback deletes it without a listing.
                work = work.WithState(await SaveStateAsync(state).ConfigureAwait(false));
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await RollBackAsync(work, $"Could not record the rotation's progress in '{_names.State}': {Describe(e)}", ct).ConfigureAwait(false);
            }
            return Next.To(RotationStep.Verify, work);
        }

        /// <summary>
        /// No key came back. Whatever the create may have made carries this run's marker: delete it, then drop the
        /// state. If the listing fails, the state stays (parked) so the next run deletes it.
        /// </summary>
        private async Task<Next> AbandonCreateAsync(RotationWork work, Exception failure, CancellationToken ct)
        {
            var why = $"W&B did not create a new key: {Describe(failure)}";
            try
            {
                await _server.DeleteMarkedAsync(work.OldKey!, work.State!.Marker, ct).ConfigureAwait(false);
                await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
                return Next.End(RotationOutcome.Failed($"{why} Nothing was changed."), work.WithState(null));
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                await TryParkAsync().ConfigureAwait(false);
                return Next.End(RotationOutcome.Failed($"{why} '{Secret}' still holds the old key; any key this attempt may have created is deleted by the next run ({Describe(e)})"), work);
            }
        }
    }
}
