using System.Management.Automation;
using System.Security;
using SecretManagement.StandIn;
using SecretManagement.StandIn.Commands;
using SecretManagement.StandIn.Storage;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// Get-Secret [-Name] &lt;String&gt; [[-Vault] &lt;String&gt;] [-AsPlainText]
    /// Get-Secret [-InputObject] &lt;SecretInformation&gt; [-AsPlainText]
    /// Without -Vault the default vault is searched first, then the others in registration order.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Secret", DefaultParameterSetName = NameParameterSet)]
    [OutputType(typeof(object))]
    public sealed class GetSecretCommand : StandInVaultCmdlet
    {
        private const string NameParameterSet = "NameParameterSet";
        private const string InfoParameterSet = "InfoParameterSet";

        [Parameter(ParameterSetName = NameParameterSet, Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(ParameterSetName = NameParameterSet, Position = 1)]
        public string? Vault { get; set; }

        [Parameter(ParameterSetName = InfoParameterSet, Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecretInformation? InputObject { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            var name = InputObject?.Name ?? Name;
            var vaultName = InputObject?.VaultName ?? Vault;

            if (!string.IsNullOrEmpty(vaultName))
            {
                if (!TryWriteSecret(ResolveVault(vaultName!), name))
                {
                    WriteNotFound(name);
                }

                return;
            }

            foreach (var vault in StandInVaults.VaultsDefaultFirst())
            {
                if (TryWriteSecret(vault, name))
                {
                    return;
                }
            }

            WriteNotFound(name);
        }

        private bool TryWriteSecret(VaultView vault, string name)
        {
            // The name is literal, wildcard characters included (as in the real module since 0.5.4).
            var call = StandInVaults.Run(VaultOperationKind.Get, vault.Name, name, v =>
                v.Secrets.TryGetValue(name, out var stored)
                    ? VaultCall<object>.Ok(SecretValues.CopyOut(stored.Value))
                    : VaultCall<object>.NotFound());

            if (call.Error != null)
            {
                // Reported, and the search goes on, as the real module does with a failing vault.
                WriteVaultError(call.Error, "GetSecretVaultError", VaultOperationKind.Get, name);
                return false;
            }

            if (call.Outcome != VaultOperationOutcome.Succeeded)
            {
                return false;
            }

            var secret = call.Value;
            if (secret is SecureString secure && AsPlainText)
            {
                secret = SecretValues.ToPlainText(secure);
            }

            // A byte[] secret is one object, not a stream of bytes.
            WriteObject(secret, enumerateCollection: false);
            return true;
        }

        private void WriteNotFound(string name)
        {
            WriteError(new ErrorRecord(
                new ItemNotFoundException($"The secret {name} was not found."),
                "GetSecretNotFound",
                ErrorCategory.ObjectNotFound,
                name));
        }
    }
}
