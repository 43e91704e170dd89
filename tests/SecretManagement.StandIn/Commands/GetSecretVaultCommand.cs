using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SecretManagement.StandIn;
using SecretManagement.StandIn.Commands;

namespace Microsoft.PowerShell.SecretManagement
{
    /// <summary>
    /// Get-SecretVault [[-Name] &lt;String[]&gt;]
    /// Wildcard names; no match writes nothing. Not a vault operation, so not logged and not hooked.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SecretVault")]
    [OutputType(typeof(SecretVaultInfo))]
    public sealed class GetSecretVaultCommand : StandInVaultCmdlet
    {
        private static readonly IReadOnlyDictionary<string, object> NoParameters = new Dictionary<string, object>();

        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            var patterns = (Name == null || Name.Length == 0 ? new[] { "*" } : Name)
                .Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase))
                .ToList();

            foreach (var vault in StandInVaults.AllVaults().Where(v => patterns.Any(p => p.IsMatch(v.Name))))
            {
                WriteObject(new SecretVaultInfo(vault.Name, vault.ModuleName, string.Empty, NoParameters, vault.IsDefault));
            }
        }
    }
}
