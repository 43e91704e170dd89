using System;
using System.Collections.Generic;
using System.Security;
using System.Threading.Tasks;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Rotation
{
    /// <summary>
    /// The vault operations of one rotation, each one call through the gate.
    /// The helper secrets (state, pending) are never removed: Azure Key Vault soft-deletes, and a soft-deleted name
    /// cannot be written again until someone purges it, so the next rotation of the secret would fail. They are
    /// cleared instead, by overwriting them with <see cref="Tombstone"/>, which the reads here treat as absent.
    /// </summary>
    internal sealed class VaultSteps
    {
        /// <summary>What a cleared helper secret holds: fixed, non-secret text that no key or state looks like.</summary>
        public const string Tombstone = "cleared";

        private readonly IVaultGate _gate;

        public VaultSteps(IVaultGate gate, string vault, RotationNames names)
        {
            _gate = gate; Vault = vault; Names = names;
        }

        public string Vault { get; }
        public RotationNames Names { get; }

        /// <summary>The secret's value, or null when it is absent or a cleared helper secret.</summary>
        public Task<SecureString?> ReadKeyAsync(string name) => _gate.RunAsync(s => ReadLive(s, name));

        /// <summary>Writes a key and reads it back: true only when the vault holds exactly that key.</summary>
        public Task<bool> WriteKeyAsync(string name, SecureString key, IDictionary<string, string>? metadata) => _gate.RunAsync(s =>
        {
            s.Set(name, Vault, key, metadata, noClobber: false);
            var back = s.Get(name, Vault);
            return back != null && SecretText.AreEqual(back, key);
        });

        /// <summary>The rotation state, or null when there is none (absent, or cleared by a finished rotation).</summary>
        public Task<RotationState?> ReadStateAsync() => _gate.RunAsync(ReadState);

        /// <summary>
        /// Takes the state secret for a new rotation; false when another rotation holds it.
        /// The first rotation of a secret creates it with Set-Secret -NoClobber, the one atomic create-if-absent every
        /// vault offers (which is why the JSON travels as a SecureString: ISecretStore.Set is the call that takes
        /// -NoClobber). Later rotations find it cleared and claim it by writing and reading back, as a resume takes
        /// over a lease. That is not atomic between machines: two runs can both read back their own state. The
        /// checks before the promote and before the old key's delete (SecretRotation.LostClaimAsync) make that race
        /// harmless.
        /// </summary>
        public Task<bool> TryClaimStateAsync(RotationState state) => _gate.RunAsync(s =>
        {
            var json = SecretText.ToSecureString(state.ToJson());
            if (!s.Exists(Names.State, Vault))
            {
                try
                {
                    s.Set(Names.State, Vault, json, null, noClobber: true);
                    return true;
                }
                catch (Exception) when (s.Exists(Names.State, Vault))
                {
                    return false;
                }
            }
            if (ReadState(s) != null) return false;
            s.Set(Names.State, Vault, json, null, noClobber: false);
            return IsHeldBy(ReadState(s), state.Lease?.RunId);
        });

        public Task WriteStateAsync(RotationState state) =>
            _gate.RunAsync(s => s.Set(Names.State, Vault, SecretText.ToSecureString(state.ToJson()), null, noClobber: false));

        /// <summary>
        /// Clears the state secret if the run <paramref name="runId"/> still holds it; returns whether it was cleared.
        /// A run that lost its claim must not clear the winner's state.
        /// </summary>
        public Task<bool> ClearStateAsync(string runId) => _gate.RunAsync(s =>
        {
            if (!IsHeldBy(ReadState(s), runId)) return false;
            ClearIn(s, Names.State);
            return true;
        });

        /// <summary>Clears a helper secret if present. Never Remove-Secret: see the class comment.</summary>
        public Task ClearAsync(string name) => _gate.RunAsync(s => ClearIn(s, name));

        /// <summary>Clears a helper secret only while it holds <paramref name="key"/>; returns whether it did.</summary>
        public Task<bool> ClearIfHoldsAsync(string name, SecureString key) => _gate.RunAsync(s =>
        {
            var held = ReadLive(s, name);
            if (held == null || !SecretText.AreEqual(held, key)) return false;
            ClearIn(s, name);
            return true;
        });

        private bool ClearIn(ISecretStore s, string name)
        {
            if (s.Exists(name, Vault)) s.Set(name, Vault, SecretText.ToSecureString(Tombstone), null, noClobber: false);
            return true;
        }

        private RotationState? ReadState(ISecretStore s)
        {
            var stored = ReadLive(s, Names.State);
            return stored == null ? null : RotationState.Parse(SecretText.Reveal(stored), Names.State);
        }

        /// <summary>
        /// The one place a tombstone means "absent". Only the helper secrets are ever cleared; the secret itself
        /// holding that text is reported as what it is, not a key.
        /// </summary>
        private SecureString? ReadLive(ISecretStore s, string name)
        {
            var stored = s.Get(name, Vault);
            if (stored == null) return null;
            bool helper = string.Equals(name, Names.State, StringComparison.OrdinalIgnoreCase) ||
                          string.Equals(name, Names.Pending, StringComparison.OrdinalIgnoreCase);
            // Compared in place: a pending key is never copied into a string.
            bool tombstone = stored.Length == Tombstone.Length && SecretText.StartsWith(stored, Tombstone);
            return helper && tombstone ? null : stored;
        }

        private static bool IsHeldBy(RotationState? state, string? runId) => runId != null && state?.Lease?.RunId == runId;
    }
}
