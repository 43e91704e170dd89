using System.Management.Automation;
using SecretManagement.StandIn;
using SecretManagement.StandIn.Commands;
using SecretManagement.StandIn.Storage;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// Remove-Secret [-Name] &lt;String&gt; [-Vault] &lt;String&gt;
    /// Remove-Secret [-InputObject] &lt;SecretInformation&gt;
    /// The vault is always named: the real module never guesses where to delete.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "Secret", DefaultParameterSetName = NameParameterSet, SupportsShouldProcess = true)]
    public sealed class RemoveSecretCommand : StandInVaultCmdlet
    {
        private const string NameParameterSet = "NameParameterSet";
        private const string InfoParameterSet = "InfoParameterSet";

        [Parameter(ParameterSetName = NameParameterSet, Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(ParameterSetName = NameParameterSet, Position = 1, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Vault { get; set; } = string.Empty;

        [Parameter(ParameterSetName = InfoParameterSet, Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecretInformation? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var name = InputObject?.Name ?? Name;
            var vault = ResolveVault(InputObject?.VaultName ?? Vault);

            if (!ShouldProcess($"{name} (vault {vault.Name})", "Remove secret"))
            {
                return;
            }

            var call = StandInVaults.Run(VaultOperationKind.Remove, vault.Name, name, v =>
                VaultRules.Remove(v, name) ? VaultCall<bool>.Ok(true) : VaultCall<bool>.NotFound());

            if (call.Error != null)
            {
                WriteVaultError(call.Error, "RemoveSecretVaultError", VaultOperationKind.Remove, name);
            }
            else if (call.Outcome == VaultOperationOutcome.NotFound)
            {
                WriteSecretNotFoundInVault("RemoveSecretNotFound", name, vault.Name);
            }
        }
    }
}
