using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SecretManagement.StandIn;
using SecretManagement.StandIn.Commands;
using SecretManagement.StandIn.Storage;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// Get-SecretInfo [[-Name] &lt;String&gt;] [[-Vault] &lt;String&gt;]
    /// Name is a wildcard pattern (default *); without -Vault every vault is listed, in registration order.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SecretInfo")]
    [OutputType(typeof(SecretInformation))]
    public sealed class GetSecretInfoCommand : StandInVaultCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string? Name { get; set; }

        [Parameter(Position = 1)]
        public string? Vault { get; set; }

        protected override void ProcessRecord()
        {
            var pattern = string.IsNullOrEmpty(Name) ? "*" : Name!;
            var vaults = string.IsNullOrEmpty(Vault)
                ? StandInVaults.AllVaults()
                : new[] { ResolveVault(Vault!) };

            foreach (var vault in vaults)
            {
                var call = StandInVaults.Run(VaultOperationKind.GetInfo, vault.Name, pattern, v => List(v, pattern));
                if (call.Error != null)
                {
                    // One failing vault does not hide the others' secrets.
                    WriteVaultError(call.Error, "GetSecretInfoVaultError", VaultOperationKind.GetInfo, pattern);
                    continue;
                }

                foreach (var info in call.Value)
                {
                    WriteObject(info);
                }
            }
        }

        private static VaultCall<IReadOnlyList<SecretInformation>> List(RegisteredVault vault, string pattern)
        {
            var matcher = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            var found = vault.Secrets.Values
                .Where(s => matcher.IsMatch(s.Name))
                .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .Select(s => new SecretInformation(
                    s.Name,
                    SecretValues.TypeOf(s.Value),
                    vault.Name,
                    vault.Kind == VaultKind.NoMetadata ? VaultRules.Empty : s.Metadata))
                .ToList();
            return VaultCall<IReadOnlyList<SecretInformation>>.Ok(found);
        }
    }
}
