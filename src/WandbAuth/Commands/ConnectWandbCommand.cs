using System;
using System.Management.Automation;
using System.Security;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Session;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>Connect-Wandb: finds a key (parameter, vault, environment, settings file, .netrc, prompt) and makes it this runspace's connection.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Wandb", DefaultParameterSetName = LookupSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Connection))]
    public sealed class ConnectWandbCommand : WandbCmdlet
    {
        /// <summary>The tag Write-Host gives its records, so hosts show the message as Write-Host's.</summary>
        private static readonly string[] HostTags = { "PSHOST" };

        private const string LookupSet = "Lookup";
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";

        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, ValueFromPipelineByPropertyName = true)]
        public SecureString ApiKey { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>In the lookup set, the vault to read the key from; with -SaveToVault, where to store it.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(VaultNameCompleter))]
        public string? Vault { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(SecretNameCompleter))]
        public string? SecretName { get; set; }

        [Parameter]
        [Alias("Host")]
        public Uri? BaseUrl { get; set; }

        [Parameter]
        public SwitchParameter Cloud { get; set; }

        [Parameter(ParameterSetName = LookupSet)]
        public SwitchParameter Relogin { get; set; }

        [Parameter]
        public SwitchParameter Verify { get; set; }

        [Parameter]
        public string? Entity { get; set; }

        [Parameter]
        public SwitchParameter SaveToVault { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        protected override void ProcessRecord()
        {
            if (Cloud && BaseUrl != null)
                Fail(new ArgumentException("Give -Cloud or -BaseUrl, not both: -Cloud means https://api.wandb.ai."), BaseUrl);

            var vaults = new SecretManagementStore();
            var request = new ConnectRequest
            {
                BaseUrl = BaseUrl,
                Cloud = Cloud,
                Relogin = Relogin,
                Entity = Entity,
                AllowUnencrypted = AllowUnencryptedAuthentication,
                Key = ParameterSetName == ApiKeySet ? ApiKey : ParameterSetName == CredentialSet ? Credential.Password : null,
                FromVault = ParameterSetName == LookupSet && !SaveToVault && (Vault != null || SecretName != null),
                Vault = Vault,
                SecretName = SecretName,
                SaveToVault = SaveToVault,
            };

            Connection connection;
            SaveTarget? saveTarget;
            try
            {
                connection = Connector.Open(request, new PowerShellEnvironment(this, vaults), vaults, out saveTarget);
                WriteVerbose($"Using a {ApiKeyFormat.Describe(connection.KeyFormat)} key {connection.KeyId} from {connection.Source} ({connection.SourceDetail}) for {connection.BaseUrl}.");
                if (Verify)
                {
                    WriteVerbose($"Verifying the key with {connection.BaseUrl}.");
                    Wait(Connector.VerifyAsync(connection, StopToken));
                }
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                Fail(e, BaseUrl);
                return;
            }

            if (saveTarget != null && ShouldProcess(saveTarget.ToString(), "Store the W&B API key"))
            {
                try
                {
                    Connector.Save(connection, saveTarget, vaults);
                    // Shown like Write-Host (not output, so scripts get only the connection); -InformationAction Ignore hides it.
                    WriteInformation(new HostInformationMessage { Message = saveTarget.Stored(connection.KeyId) }, HostTags);
                }
                catch (VaultException e) { Fail(e, saveTarget.ToString()); }
            }

            ConnectionStore.Set(connection);
            WriteObject(connection);
        }
    }
}
