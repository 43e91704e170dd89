using System;
using System.Collections.Generic;
using System.Security;
using System.Threading.Tasks;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Rotation
{
    /// <summary>A read of the state secret: the live state, if any, and whether the secret exists at all.</summary>
    internal readonly struct StateRead
    {
        public StateRead(RotationState? state, bool exists) { State = state; Exists = exists; }
        /// <summary>Null when there is none: absent, or cleared by a finished rotation.</summary>
        public RotationState? State { get; }
        /// <summary>Whether the secret exists (cleared or not): a first claim creates it with -NoClobber, later ones overwrite.</summary>
        public bool Exists { get; }
    }

    /// <summary>
    /// The vault operations of one rotation, each through the gate. A fresh rotation makes 14 of them (15 once the secret was rotated before), each one
    /// SecretManagement call; SecretRotation says at each call site why it is needed.
    /// The helper secrets (state, pending) are never removed: Azure Key Vault soft-deletes, and a soft-deleted name
    /// cannot be written again until someone purges it, so the next rotation of the secret would fail. They are
    /// cleared instead, by overwriting them with <see cref="Tombstone"/>, which the reads here treat as absent.
    /// </summary>
    internal sealed class VaultSteps
    {
        /// <summary>What a cleared helper secret holds: fixed, non-secret text that no key or state looks like.</summary>
        public const string Tombstone = "cleared";

        private readonly IVaultGate _gate, _leaseGate;
        private readonly object _written = new object();
        private RotationState? _lastWritten;

        /// <param name="leaseGate">For lease refreshes, which run while a script may hold the pipeline thread.</param>
        public VaultSteps(IVaultGate gate, string vault, RotationNames names, IVaultGate leaseGate)
        {
            _gate = gate; Vault = vault; Names = names; _leaseGate = leaseGate;
        }

        public string Vault { get; }
        public RotationNames Names { get; }

        /// <summary>
        /// The state this run last wrote (or tried to), until it cleared it: what a park must leave for the next run, since a
        /// step can fail after recording a phase (ScriptsPending) that the step's caller never saw.
        /// </summary>
        public RotationState? LastWritten { get { lock (_written) return _lastWritten; } }

        /// <summary>The secret's value, or null when it is absent or a cleared helper secret. One call.</summary>
        public Task<SecureString?> ReadKeyAsync(string name) => _gate.RunAsync(s => ReadLive(s, name));

        /// <summary>Writes a key and reads it back: true only when the vault holds exactly that key. Two calls.</summary>
        public Task<bool> WriteKeyAsync(string name, SecureString key, IDictionary<string, string>? metadata) => _gate.RunAsync(s =>
        {
            s.Set(name, Vault, key, metadata, noClobber: false);
            var back = s.Get(name, Vault);
            return back != null && SecretText.AreEqual(back, key);
        });

        /// <summary>The rotation state and whether its secret exists. One call.</summary>
        public Task<StateRead> ReadStateAsync() => _gate.RunAsync(s =>
        {
            var stored = s.Get(Names.State, Vault);
            return new StateRead(stored == null || IsTombstone(stored) ? null : RotationState.Parse(SecretText.Reveal(stored), Names.State), stored != null);
        });

        /// <summary>
        /// Takes the state secret for a new rotation; false when another rotation holds it. <paramref name="exists"/> is
        /// what the read just before found.
        /// The first rotation of a secret creates it with Set-Secret -NoClobber, the one atomic create-if-absent every
        /// vault offers (which is why the JSON travels as a SecureString: ISecretStore.Set is the call that takes
        /// -NoClobber): one call. Later rotations find it cleared and claim it by writing and reading back (two calls), as a
        /// resume takes over a lease. That is not atomic between machines: two runs can both read back their own state. The
        /// read-back still stops every run but the last writer before it creates a key or hands one to an update script;
        /// the checks before the promote and before the old key's delete (SecretRotation.LostClaimAsync) make the rest of
        /// that race harmless.
        /// </summary>
        public Task<bool> TryClaimStateAsync(RotationState state, bool exists) => _gate.RunAsync(s =>
        {
            Written(state);
            var json = SecretText.ToSecureString(state.ToJson());
            if (!exists)
            {
                try
                {
                    s.Set(Names.State, Vault, json, null, noClobber: true);
                    return true;
                }
                catch (Exception) when (s.Exists(Names.State, Vault))
                {
                    Cleared();
                    return false;
                }
            }
            s.Set(Names.State, Vault, json, null, noClobber: false);
            if (IsHeldBy(ReadState(s), state.Lease?.RunId)) return true;
            Cleared();
            return false;
        });

        /// <summary>Overwrites the state. One call.</summary>
        public Task WriteStateAsync(RotationState state) => _gate.RunAsync(s =>
        {
            Written(state);
            s.Set(Names.State, Vault, SecretText.ToSecureString(state.ToJson()), null, noClobber: false);
            return true;
        });

        /// <summary>
        /// Writes a fresh heartbeat if run <paramref name="runId"/> still holds the state; false when it does not (then
        /// nothing is written: a run that lost its lease must not take it back). Two calls.
        /// </summary>
        public Task<bool> RefreshLeaseAsync(string runId, DateTimeOffset now) => _leaseGate.RunAsync(s =>
        {
            var held = ReadState(s);
            if (!IsHeldBy(held, runId)) return false;
            var beat = held!.With(h => h.Heartbeat = now);
            Written(beat);
            s.Set(Names.State, Vault, SecretText.ToSecureString(beat.ToJson()), null, noClobber: false);
            return true;
        });

        /// <summary>
        /// Clears the state secret if the run <paramref name="runId"/> still holds it; returns whether it was cleared.
        /// A run that lost its claim must not clear the winner's state, which may be all that tracks the winner's pending
        /// key: hence the read first. Two calls.
        /// </summary>
        public Task<bool> ClearStateAsync(string runId) => _gate.RunAsync(s =>
        {
            if (!IsHeldBy(ReadState(s), runId)) return false;
            ClearIn(s, Names.State);
            Cleared();
            return true;
        });

        /// <summary>Clears a helper secret (writes the tombstone, present or not). Never Remove-Secret: see the class comment. One call.</summary>
        public Task ClearAsync(string name) => _gate.RunAsync(s => ClearIn(s, name));

        /// <summary>Clears a helper secret only while it holds <paramref name="key"/>; returns whether it did. Two calls.</summary>
        public Task<bool> ClearIfHoldsAsync(string name, SecureString key) => _gate.RunAsync(s =>
        {
            var held = ReadLive(s, name);
            if (held == null || !SecretText.AreEqual(held, key)) return false;
            return ClearIn(s, name);
        });

        private bool ClearIn(ISecretStore s, string name)
        {
            s.Set(name, Vault, SecretText.ToSecureString(Tombstone), null, noClobber: false);
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
            return helper && IsTombstone(stored) ? null : stored;
        }

        // Compared in place: a pending key is never copied into a string.
        private static bool IsTombstone(SecureString stored) => stored.Length == Tombstone.Length && SecretText.StartsWith(stored, Tombstone);

        private void Written(RotationState state) { lock (_written) _lastWritten = state; }

        private void Cleared() { lock (_written) _lastWritten = null; }

        private static bool IsHeldBy(RotationState? state, string? runId) => runId != null && state?.Lease?.RunId == runId;
    }
}
