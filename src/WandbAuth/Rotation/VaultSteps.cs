using System;
using System.Collections.Generic;
using System.Security;
using System.Threading.Tasks;
using WandbAuth.Credentials;

namespace WandbAuth.Rotation
{
    /// <summary>The vault operations of one rotation, each one call through the gate.</summary>
    internal sealed class VaultSteps
    {
        private readonly IVaultGate _gate;

        public VaultSteps(IVaultGate gate, string vault, RotationNames names)
        {
            _gate = gate; Vault = vault; Names = names;
        }

        public string Vault { get; }
        public RotationNames Names { get; }

        public Task<SecureString?> ReadKeyAsync(string name) => _gate.RunAsync(s => s.Get(name, Vault));

        /// <summary>Writes a key and reads it back: true only when the vault holds exactly that key.</summary>
        public Task<bool> WriteKeyAsync(string name, SecureString key, IDictionary<string, string>? metadata) => _gate.RunAsync(s =>
        {
            s.Set(name, Vault, key, metadata, noClobber: false);
            var back = s.Get(name, Vault);
            return back != null && SecretText.AreEqual(back, key);
        });

        public Task<RotationState?> ReadStateAsync() => _gate.RunAsync(s =>
        {
            var stored = s.Get(Names.State, Vault);
            return stored == null ? null : RotationState.Parse(SecretText.Reveal(stored), Names.State);
        });

        /// <summary>
        /// Creates the state secret only if absent: Set-Secret -NoClobber is the one atomic create-if-absent every
        /// vault offers, which is why the JSON travels as a SecureString (ISecretStore.Set is the call that takes -NoClobber).
        /// </summary>
        public Task<bool> TryCreateStateAsync(RotationState state) => _gate.RunAsync(s =>
        {
            try
            {
                s.Set(Names.State, Vault, SecretText.ToSecureString(state.ToJson()), null, noClobber: true);
                return true;
            }
            catch (Exception) when (s.Exists(Names.State, Vault))
            {
                return false;
            }
        });

        public Task WriteStateAsync(RotationState state) =>
            _gate.RunAsync(s => s.Set(Names.State, Vault, SecretText.ToSecureString(state.ToJson()), null, noClobber: false));

        /// <summary>Removes a secret if present (Remove-Secret fails on a missing one).</summary>
        public Task RemoveAsync(string name) => _gate.RunAsync(s =>
        {
            if (s.Exists(name, Vault)) s.Remove(name, Vault);
            return true;
        });
    }
}
