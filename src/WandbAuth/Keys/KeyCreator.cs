using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Vault;
using static WandbAuth.Api.Blocking;

namespace WandbAuth.Keys
{
    /// <summary>What New-WandbApiKey will do, settled before anything is created (so -WhatIf can describe it).</summary>
    internal sealed class CreatePlan
    {
        public CreatePlan(string name, string? vault = null, string? secretName = null, bool overwrite = false)
        {
            Name = name; Vault = vault; SecretName = secretName; Overwrite = overwrite;
        }
        /// <summary>The descriptive name (W&amp;B's description).</summary>
        public string Name { get; }
        public string? Vault { get; }
        public string? SecretName { get; }
        public bool Overwrite { get; }
        public bool Stores => Vault != null && SecretName != null;
    }

    /// <summary>A key just created: what the user gets, its secret (held only as a SecureString) and where it went.</summary>
    internal sealed class CreatedKey
    {
        public CreatedKey(CreatedApiKey key, SecureString secret) { Key = key; Secret = secret; }
        public CreatedApiKey Key { get; }
        public SecureString Secret { get; }
        public bool Stored { get; set; }
        public bool MetadataStored { get; set; }
        public List<string> Warnings { get; } = new List<string>();
    }

    /// <summary>
    /// Creates a key so that none is ever left that nobody holds. W&amp;B shows a secret once: if it cannot be stored,
    /// the key is deleted on the server again; if generateApiKey's answer is lost, the listing is compared with the
    /// one taken just before to find the key the server may have made, and that key is deleted (never a blind retry).
    /// </summary>
    internal sealed class KeyCreator
    {
        private readonly IKeyApi _api;
        private readonly ISecretStore? _vaults;
        private readonly Action<string> _note;

        public KeyCreator(IKeyApi api, ISecretStore? vaults, Action<string>? note = null)
        {
            _api = api; _vaults = vaults; _note = note ?? (_ => { });
        }

        /// <summary>Set for a keyless connection: who it signs in as, which may be a federated identity that cannot own keys.</summary>
        public KeylessIdentity? Keyless { get; set; }

        /// <summary>Pauses before looking again for a key whose creation timed out (the server may still be at it).</summary>
        public IReadOnlyList<TimeSpan> RecheckDelays { get; set; } = new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3) };

        private string Server => _api.BaseUrl.GetLeftPart(UriPartial.Authority);

        /// <summary>
        /// Checks the name (<see cref="KeyName"/>) and settles the target secret: -Vault alone uses the name
        /// Connect-Wandb looks for; -SecretName alone the default vault. An existing secret is refused here, before
        /// any key exists, unless overwriting.
        /// </summary>
        public CreatePlan Plan(string name, string? vault, string? secretName, bool overwrite)
        {
            if (KeyName.Problem(name) is string refused)
                throw new ArgumentException($"{refused} See Get-Help New-WandbApiKey -Parameter Name. No key was created.");
            if (Keyless?.IsCertainlyServiceAccount == true) throw Keyless.CannotCreate();
            if (vault == null && secretName == null) return new CreatePlan(name);
            if (_vaults == null || _vaults.UnavailableReason is string)
                throw new KeyOperationException(KeyProblem.VaultUnavailable,
                    $"Cannot store the new key in a vault: {_vaults?.UnavailableReason ?? "no vault access"}. No key was created.");
            var target = vault ?? _vaults.DefaultVault()
                ?? throw new KeyOperationException(KeyProblem.VaultUnavailable, SecretStoreExtensions.NoDefaultVault + " No key was created.");
            var secret = secretName ?? HostUrl.SecretNameFor(_api.BaseUrl);
            if (!overwrite && _vaults.Exists(secret, target))
                throw new KeyOperationException(KeyProblem.SecretExists,
                    $"The vault '{target}' already holds a secret named '{secret}'. Give another -SecretName, or -Force to replace it. No key was created.");
            return new CreatePlan(name, target, secret, overwrite);
        }

        public CreatedKey Create(CreatePlan plan, CancellationToken ct)
        {
            // Taken first, so a key made by a request whose answer is lost can be told from keys that existed.
            var before = Run(_api.GetViewerKeysAsync(ct));
            if (Keyless != null && ApiKeys.IsServiceAccount(before.AccountType)) throw Keyless.CannotCreate();
            NewApiKey made;
            try
            {
                made = Run(_api.GenerateApiKeyAsync(plan.Name, ct));
            }
            catch (WandbApiException e) when (e.Kind == ApiErrorKind.OutcomeUnknown)
            {
                throw RecoverLostAnswer(before, plan.Name, e);
            }
            catch (WandbApiException e) when (Keyless != null && ApiKeys.OwnerTypeOf(before.AccountType) == null &&
                                              (e.Kind == ApiErrorKind.PermissionDenied || e.Kind == ApiErrorKind.GraphQLError))
            {
                // The server did not say what the account is, and refused: say what keyless sign-in may mean here. (When
                // it said the account is a user, the refusal is about something else and stands as it is.)
                throw Keyless.CannotCreate(e.Message, e);
            }

            var created = new CreatedKey(Describe(made, before, ct, out var note), made.Secret);
            if (note != null) created.Warnings.Add(note);
            if (!plan.Stores) return created;

            var key = created.Key;
            try
            {
                created.MetadataStored = _vaults!.Set(plan.SecretName!, plan.Vault!, made.Secret,
                    KeyMetadata.For(key.KeyId, _api.BaseUrl, key.Owner, key.CreatedAt), noClobber: !plan.Overwrite);
            }
            catch (Exception e)
            {
                // A vault that committed and then failed to say so holds the key after all: keep it.
                if (!HoldsSecret(plan, made.Secret))
                {
                    var failure = RevokeUnstored(made, key, plan, e);
                    if (e is System.Management.Automation.PipelineStoppedException) throw;
                    throw failure;
                }
                created.Warnings.Add($"The vault '{plan.Vault}' reported an error storing '{plan.SecretName}' ({e.Message}) but holds the new key; it was kept.");
            }
            created.Stored = true;
            key.Vault = plan.Vault;
            key.SecretName = plan.SecretName;
            return created;
        }

        /// <summary>
        /// The new key as listings show it: its key ID and creation time come from the listing; if that cannot be
        /// read the key is still good, so the key ID the secret carries stands in and a note says so.
        /// </summary>
        private CreatedApiKey Describe(NewApiKey made, UserRecord viewer, CancellationToken ct, out string? note)
        {
            note = null;
            ApiKeyRecord? listed = null;
            try
            {
                var after = Run(_api.GetViewerKeysAsync(ct));
                listed = after.ApiKeys.FirstOrDefault(k => k.Id.Length > 0 && k.Id == made.Id)
                      ?? after.ApiKeys.FirstOrDefault(k => KeyIds.Identifies(made.Secret, k.KeyId));
            }
            catch (Exception e) when (!(e is System.Management.Automation.PipelineStoppedException))
            {
                note = $"The new key was created, but W&B's listing could not be read to learn its key ID ({e.Message}); the key ID shown is taken from the key itself.";
            }
            if (listed == null && note == null)
                note = "The new key was created but does not appear in W&B's listing yet; the key ID shown is taken from the key itself.";
            return new CreatedApiKey(listed?.KeyId ?? KeyIds.Of(made.Secret), made.Description, _api.BaseUrl)
            {
                Key = made.Secret,
                Id = made.Id.Length > 0 ? made.Id : listed?.Id,
                Owner = viewer.Username,
                OwnerType = ApiKeys.OwnerTypeOf(viewer.AccountType),
                // The server's time when it has the field; otherwise the moment it was made here.
                CreatedAt = listed?.CreatedAt ?? DateTime.UtcNow,
            };
        }

        private bool HoldsSecret(CreatePlan plan, SecureString secret)
        {
            try
            {
                var stored = _vaults!.Get(plan.SecretName!, plan.Vault!);
                return stored != null && SecretText.AreEqual(stored, secret);
            }
            catch (Exception) { return false; }
        }

        private KeyOperationException RevokeUnstored(NewApiKey made, CreatedApiKey key, CreatePlan plan, Exception storeFailure)
        {
            var what = $"The new key {key.KeyId} ('{plan.Name}') could not be stored in vault '{plan.Vault}' as '{plan.SecretName}': {storeFailure.Message.TrimEnd('.')}.";
            try
            {
                Run(_api.DeleteApiKeyAsync(key.Id ?? made.Id, CancellationToken.None));
                _note($"Deleted the unstored key {key.KeyId} on {Server}.");
                return new KeyOperationException(KeyProblem.StoreFailed,
                    $"{what} It was deleted on W&B again, so no key that nobody holds is left behind. Fix the vault problem and run New-WandbApiKey again.", storeFailure);
            }
            catch (Exception e)
            {
                return new KeyOperationException(KeyProblem.StoreFailed,
                    $"{what} Deleting it on W&B failed too ({e.Message.TrimEnd('.')}): key {key.KeyId} exists but nobody holds its secret. Remove it with Remove-WandbApiKey -KeyId {key.KeyId}.", storeFailure);
            }
        }

        /// <summary>
        /// generateApiKey may or may not have happened. The keys named like the request that were not in the
        /// listing taken just before are the candidates: exactly one is deleted; several are reported, not
        /// touched, since another process may have made (and may hold) one of them.
        /// </summary>
        private KeyOperationException RecoverLostAnswer(UserRecord before, string name, WandbApiException lost)
        {
            var known = new HashSet<string>(before.ApiKeys.Select(k => k.Id), StringComparer.Ordinal);
            var head = $"{lost.Message.TrimEnd('.')}.";
            var delays = lost.InnerException is TimeoutException ? RecheckDelays : Array.Empty<TimeSpan>();
            List<ApiKeyRecord> fresh;
            int look = 0;
            while (true)
            {
                try
                {
                    var after = Run(_api.GetViewerKeysAsync(CancellationToken.None));
                    fresh = after.ApiKeys.Where(k => !known.Contains(k.Id) && string.Equals(k.Description, name, StringComparison.Ordinal)).ToList();
                }
                catch (Exception e)
                {
                    return new KeyOperationException(KeyProblem.CreateAnswerLost,
                        $"{head} Checking whether W&B created the key failed too ({e.Message.TrimEnd('.')}): list keys named '{name}' with Get-WandbApiKey -Name and remove any whose secret you did not receive.", lost);
                }
                if (fresh.Count > 0 || look >= delays.Count) break;
                Thread.Sleep(delays[look++]);
            }

            if (fresh.Count == 0)
                return new KeyOperationException(KeyProblem.CreateAnswerLost,
                    $"{head} W&B did not create a key (no new key named '{name}' appeared), so nothing was left behind. Run New-WandbApiKey again.", lost);
            if (fresh.Count > 1)
                return new KeyOperationException(KeyProblem.CreateAnswerLost,
                    $"{head} Several new keys named '{name}' appeared ({string.Join(", ", fresh.Select(k => k.KeyId))}); another process may hold one of them, so none was deleted. Remove the one nobody holds with Remove-WandbApiKey.", lost);

            var orphan = fresh[0];
            try
            {
                Run(_api.DeleteApiKeyAsync(orphan.Id, CancellationToken.None));
                _note($"Deleted key {orphan.KeyId}, made by the request whose answer was lost.");
                return new KeyOperationException(KeyProblem.CreateAnswerLost,
                    $"{head} W&B had created the key ({orphan.KeyId}), but its secret never arrived, so it was deleted again: no key that nobody holds is left behind. Run New-WandbApiKey again.", lost);
            }
            catch (Exception e)
            {
                return new KeyOperationException(KeyProblem.CreateAnswerLost,
                    $"{head} W&B had created the key ({orphan.KeyId}) but its secret never arrived, and deleting it failed ({e.Message.TrimEnd('.')}). Remove it with Remove-WandbApiKey -KeyId {orphan.KeyId}.", lost);
            }
        }

        /// <summary>Deletes a key the caller could not hand over (its pipeline stopped before the key was written).</summary>
        public bool TryRevoke(CreatedKey created)
        {
            if (created.Stored || string.IsNullOrEmpty(created.Key.Id)) return false;
            try { Run(_api.DeleteApiKeyAsync(created.Key.Id!, CancellationToken.None)); return true; }
            catch (Exception) { return false; }
        }
    }
}
