using System.Collections;
using System.Management.Automation;
using SecretManagement.StandIn;
using SecretManagement.StandIn.Commands;
using SecretManagement.StandIn.Storage;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// Set-SecretInfo [-Name] &lt;String&gt; [-Metadata] &lt;Hashtable&gt; [[-Vault] &lt;String&gt;]
    /// Set-SecretInfo [-Metadata] &lt;Hashtable&gt; -InputObject &lt;SecretInformation&gt;
    /// Replaces the secret's metadata; the secret itself is untouched. Without -Vault, the default vault.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SecretInfo", DefaultParameterSetName = NameParameterSet, SupportsShouldProcess = true)]
    public sealed class SetSecretInfoCommand : StandInVaultCmdlet
    {
        private const string NameParameterSet = "NameParameterSet";
        private const string InfoParameterSet = "InfoParameterSet";

        [Parameter(ParameterSetName = NameParameterSet, Position = 0, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        // The real module's help lists Metadata as taking pipeline input by value in both sets.
        [Parameter(Position = 1, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Hashtable? Metadata { get; set; }

        [Parameter(ParameterSetName = NameParameterSet, Position = 2)]
        public string? Vault { get; set; }

        [Parameter(ParameterSetName = InfoParameterSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecretInformation? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var name = InputObject?.Name ?? Name;
            var vaultName = InputObject?.VaultName
                ?? (string.IsNullOrEmpty(Vault) ? DefaultVaultOrThrow(name, "SetSecretInfoFailNoDefaultVault") : Vault!);
            var vault = ResolveVault(vaultName);

            if (!ShouldProcess($"{name} (vault {vault.Name})", "Write secret metadata"))
            {
                return;
            }

            var call = StandInVaults.Run(VaultOperationKind.SetInfo, vault.Name, name, v => Replace(v, name, Metadata));
            if (call.Error != null)
            {
                WriteVaultError(call.Error, "SetSecretInfoVaultError", VaultOperationKind.SetInfo, name);
            }
            else if (call.Outcome == VaultOperationOutcome.NotFound)
            {
                WriteSecretNotFoundInVault("SetSecretInfoNotFound", name, vault.Name);
            }
        }

        private static VaultCall<bool> Replace(RegisteredVault vault, string name, Hashtable? metadata)
        {
            // The vault's refusal of metadata comes first: such a vault refuses whether or not the secret exists.
            var refusal = VaultRules.TryConvertMetadata(
                vault,
                metadata,
                $"Cannot set secret metadata {name}. Vault {vault.Name} does not support secret metadata.",
                out var checkedMetadata);
            if (refusal != null)
            {
                return VaultCall<bool>.Failed(refusal);
            }

            if (!vault.Secrets.TryGetValue(name, out var stored))
            {
                return VaultCall<bool>.NotFound();
            }

            vault.Secrets[name] = new StoredSecret(stored.Name, stored.Value, checkedMetadata);
            return VaultCall<bool>.Ok(true);
        }
    }
}
