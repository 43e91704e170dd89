using System;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;

namespace WandbAuth.Rotation
{
    /// <summary>Steps 1-3: read and identify the old key, take the guard, create the new key and park it in the pending secret.</summary>
    internal sealed partial class SecretRotation
    {
        private async Task<RotationOutcome> RotateAsync(CancellationToken ct)
        {
            var stored = await _vault.ReadKeyAsync(Secret).ConfigureAwait(false);
            if (stored == null) return RotationOutcome.Failed($"The vault '{Vault}' holds no secret named '{Secret}'. Nothing was changed.");
            CheckedKey old;
            try { old = ApiKeyFormat.Check(stored); }
            catch (ApiKeyFormatException e) { return RotationOutcome.Failed($"The secret '{Secret}' does not hold a W&B API key: {e.Message} Nothing was changed."); }
            _oldKey = old.Key;
            _report.OldKeyId = old.KeyIdHint;

            KeyOnServer owner;
            try { owner = await _server.IdentifyAsync(_oldKey, ct).ConfigureAwait(false); }
            catch (WandbApiException e)
            {
                return RotationOutcome.Failed($"The {ApiKeyFormat.Describe(old.Kind)} key {old.KeyIdHint}… in '{Secret}' cannot be rotated: {Describe(e)} Nothing was changed.");
            }
            _report.Owner = owner.Owner;
            if (owner.NodeId == null)
                return RotationOutcome.Failed($"W&B at {_server.BaseUrl} does not list the key {old.KeyIdHint}… among {owner.Owner}'s keys, so it could not be deleted after rotating. Nothing was changed.");
            _report.OldKeyId = owner.KeyId;
            Note($"the {ApiKeyFormat.Describe(old.Kind)} key {owner.KeyId} belongs to {owner.Owner}.");

            _state = NewState(owner);
            if (!await _vault.TryClaimStateAsync(_state).ConfigureAwait(false))
            {
                _state = null;
                return InProgress(await _vault.ReadStateAsync().ConfigureAwait(false));
            }
            return await CreateAsync(ct).ConfigureAwait(false);
        }

        /// <summary>Step 3: the new key is created as the old key (so it has the same owner) and goes to the pending secret first.</summary>
        private async Task<RotationOutcome> CreateAsync(CancellationToken ct)
        {
            try
            {
                var created = await _server.CreateAsync(_oldKey!, Description(), _state!.Marker, ct).ConfigureAwait(false);
                _newKey = created.Secret;
                _state.NewKeyNodeId = created.Id;
                Note($"created a new key for {_state.Owner}; keeping it in '{_names.Pending}' until it is verified.");
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await AbandonCreateAsync(e, ct).ConfigureAwait(false);
            }

            try
            {
                if (!await _vault.WriteKeyAsync(_names.Pending, _newKey, null).ConfigureAwait(false))
                    return await RollBackAsync($"The new key read back from '{_names.Pending}' differs from the key W&B issued.", ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await RollBackAsync($"Could not store the new key in '{_names.Pending}': {Describe(e)}", ct).ConfigureAwait(false);
            }

            try { await SaveStateAsync(RotationPhase.Pending).ConfigureAwait(false); }
            catch (Exception e) when (!IsStop(e, ct))
            {
                return await RollBackAsync($"Could not record the rotation's progress in '{_names.State}': {Describe(e)}", ct).ConfigureAwait(false);
            }
            return await VerifyAsync(ct).ConfigureAwait(false);
        }

        /// <summary>
        /// No key came back. Whatever the create may have made carries this run's marker: delete it, then drop the
        /// state. If the listing fails, the state stays (parked) so the next run deletes it.
        /// </summary>
        private async Task<RotationOutcome> AbandonCreateAsync(Exception failure, CancellationToken ct)
        {
            var why = $"W&B did not create a new key: {Describe(failure)}";
            try
            {
                await _server.DeleteMarkedAsync(_oldKey!, _state!.Marker, ct).ConfigureAwait(false);
                await _vault.ClearStateAsync(_runId).ConfigureAwait(false);
                _state = null;
                return RotationOutcome.Failed($"{why} Nothing was changed.");
            }
            catch (Exception e) when (!IsStop(e, ct))
            {
                await TryParkAsync().ConfigureAwait(false);
                return RotationOutcome.Failed($"{why} '{Secret}' still holds the old key; any key this attempt may have created is deleted by the next run ({Describe(e)})");
            }
        }
    }
}
