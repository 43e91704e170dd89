using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using SecretManagement.StandIn;
using SecretManagement.StandIn.Commands;
using SecretManagement.StandIn.Storage;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// Set-Secret [-Name] &lt;String&gt; -SecureStringSecret &lt;SecureString&gt; [[-Vault] &lt;String&gt;] [[-Metadata] &lt;Hashtable&gt;] [-NoClobber]
    /// Set-Secret [-Name] &lt;String&gt; -Secret &lt;Object&gt; [[-Vault] &lt;String&gt;] [[-Metadata] &lt;Hashtable&gt;] [-NoClobber]
    /// Set-Secret -SecretInfo &lt;SecretInformation&gt; [-Vault] &lt;String&gt; [-NoClobber]
    /// Writes nothing to the output. Without -Vault the default vault is used.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "Secret", DefaultParameterSetName = SecureStringParameterSet, SupportsShouldProcess = true)]
    public sealed class SetSecretCommand : StandInVaultCmdlet
    {
        private const string SecureStringParameterSet = "SecureStringParameterSet";
        private const string ObjectParameterSet = "ObjectParameterSet";
        private const string SecretInfoParameterSet = "SecretInfoParameterSet";

        [Parameter(ParameterSetName = SecureStringParameterSet, Position = 0, Mandatory = true)]
        [Parameter(ParameterSetName = ObjectParameterSet, Position = 0, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(ParameterSetName = ObjectParameterSet, Mandatory = true, ValueFromPipeline = true)]
        public object? Secret { get; set; }

        [Parameter(ParameterSetName = SecureStringParameterSet, Mandatory = true, ValueFromPipeline = true)]
        public SecureString? SecureStringSecret { get; set; }

        [Parameter(ParameterSetName = SecretInfoParameterSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecretInformation? SecretInfo { get; set; }

        [Parameter(ParameterSetName = SecureStringParameterSet, Position = 1)]
        [Parameter(ParameterSetName = ObjectParameterSet, Position = 1)]
        [Parameter(ParameterSetName = SecretInfoParameterSet, Position = 1, Mandatory = true)]
        public string? Vault { get; set; }

        [Parameter(ParameterSetName = SecureStringParameterSet, Position = 2)]
        [Parameter(ParameterSetName = ObjectParameterSet, Position = 2)]
        public Hashtable? Metadata { get; set; }

        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        protected override void ProcessRecord()
        {
            var name = SecretInfo?.Name ?? Name;
            object? value;
            Hashtable? metadata;
            if (SecretInfo != null)
            {
                if (!TryReadSource(SecretInfo, out value))
                {
                    return;
                }

                metadata = ToHashtable(SecretInfo);
            }
            else
            {
                value = ParameterSetName == ObjectParameterSet ? Secret : SecureStringSecret;
                metadata = Metadata;
            }

            var vault = ResolveVault(string.IsNullOrEmpty(Vault) ? DefaultVaultOrThrow(name, "SetSecretFailNoDefaultVault") : Vault!);

            object stored;
            try
            {
                stored = SecretValues.NormalizeForStorage(value);
            }
            catch (ArgumentException invalid)
            {
                WriteError(new ErrorRecord(invalid, "SetSecretInvalidSecretType", ErrorCategory.InvalidArgument, name));
                return;
            }

            if (!ShouldProcess($"{name} (vault {vault.Name})", "Write secret"))
            {
                return;
            }

            if (NoClobber && !CheckNoClobber(vault, name))
            {
                return;
            }

            var call = StandInVaults.Run(VaultOperationKind.Set, vault.Name, name, v => Write(v, name, stored, metadata));
            if (call.Error != null)
            {
                WriteVaultError(call.Error, "SetSecretVaultError", VaultOperationKind.Set, name);
            }
        }

        private static VaultCall<bool> Write(RegisteredVault vault, string name, object stored, Hashtable? metadata)
        {
            var badName = VaultRules.CheckNameForWrite(vault, name);
            if (badName != null)
            {
                return VaultCall<bool>.Failed(badName);
            }

            var badMetadata = VaultRules.TryConvertMetadata(
                vault,
                metadata,
                $"Cannot store secret {name}. Vault {vault.Name} does not support secret metadata.",
                out var checkedMetadata);
            if (badMetadata != null)
            {
                return VaultCall<bool>.Failed(badMetadata);
            }

            // Replacing the secret replaces its metadata too: a write without -Metadata leaves none (as a new
            // Key Vault secret version has no tags).
            vault.Secrets.Remove(name);
            vault.Secrets[name] = new StoredSecret(name, stored, checkedMetadata);
            return VaultCall<bool>.Ok(true);
        }

        /// <summary>
        /// The real module asks the vault for the secret first; an existing secret is a terminating error.
        /// Returns false when the write must not go ahead.
        /// </summary>
        private bool CheckNoClobber(VaultView vault, string name)
        {
            var existing = StandInVaults.Run(VaultOperationKind.Get, vault.Name, name, v =>
                v.Secrets.ContainsKey(name) ? VaultCall<bool>.Ok(true) : VaultCall<bool>.NotFound());
            if (existing.Error != null)
            {
                // Cannot tell whether the secret exists, so do not risk clobbering it.
                WriteVaultError(existing.Error, "SetSecretVaultError", VaultOperationKind.Get, name);
                return false;
            }

            if (existing.Outcome == VaultOperationOutcome.Succeeded)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSInvalidOperationException($"A secret with name {name} already exists in vault {vault.Name}."),
                    "SetSecretFailNoClobber",
                    ErrorCategory.ResourceExists,
                    name));
            }

            return true;
        }

        /// <summary>-SecretInfo copies a secret from the vault the SecretInformation names.</summary>
        private bool TryReadSource(SecretInformation info, out object? value)
        {
            var source = ResolveVault(info.VaultName);
            var call = StandInVaults.Run(VaultOperationKind.Get, source.Name, info.Name, v =>
                v.Secrets.TryGetValue(info.Name, out var stored)
                    ? VaultCall<object>.Ok(SecretValues.CopyOut(stored.Value))
                    : VaultCall<object>.NotFound());
            value = call.Value;
            if (call.Error != null)
            {
                WriteVaultError(call.Error, "SetSecretVaultError", VaultOperationKind.Get, info.Name);
                return false;
            }

            if (call.Outcome != VaultOperationOutcome.Succeeded)
            {
                WriteSecretNotFoundInVault("SetSecretSourceNotFound", info.Name, source.Name);
                return false;
            }

            return true;
        }

        private static Hashtable? ToHashtable(SecretInformation info)
        {
            if (info.Metadata.Count == 0)
            {
                return null;
            }

            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in info.Metadata)
            {
                table[entry.Key] = entry.Value;
            }

            return table;
        }
    }
}
