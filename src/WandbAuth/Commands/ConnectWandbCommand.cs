using System;
using System.Management.Automation;
using System.Security;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Session;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>
    /// Connect-Wandb: finds a key (parameter, vault, environment, settings file, .netrc, prompt), or signs in keyless with an
    /// identity token (a file, WANDB_IDENTITY_TOKEN_FILE, or an Azure Pipelines service connection), and makes it this
    /// runspace's connection.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Wandb", DefaultParameterSetName = LookupSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Connection))]
    public sealed class ConnectWandbCommand : WandbCmdlet
    {
        /// <summary>The tag Write-Host gives its records, so hosts show the message as Write-Host's.</summary>
        private static readonly string[] HostTags = { "PSHOST" };

        private const string LookupSet = "Lookup";
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";
        private const string IdentityTokenFileSet = "IdentityTokenFile";
        private const string AzureDevOpsSet = "AzureDevOps";

        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, ValueFromPipelineByPropertyName = true)]
        public SecureString ApiKey { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>Keyless: a file holding a JWT from an identity provider, exchanged for a W&amp;B access token.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdentityTokenFileSet)]
        [ValidateNotNullOrEmpty]
        public string IdentityTokenFile { get; set; } = null!;

        /// <summary>Keyless in Azure Pipelines: the service connection (id, or name in an AzureCLI@2/AzurePowerShell@5 task) whose OIDC token is exchanged.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AzureDevOpsSet)]
        [ValidateNotNullOrEmpty]
        public string AzureDevOpsServiceConnection { get; set; } = null!;

        /// <summary>In the lookup set, the vault to read the key from; with -SaveToVault, where to store it.</summary>
        [Parameter(ParameterSetName = LookupSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ArgumentCompleter(typeof(VaultNameCompleter))]
        public string? Vault { get; set; }

        [Parameter(ParameterSetName = LookupSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
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

        [Parameter(ParameterSetName = LookupSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
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
                IdentityTokenFile = ParameterSetName == IdentityTokenFileSet ? GetUnresolvedProviderPathFromPSPath(IdentityTokenFile) : null,
                AzureDevOpsServiceConnection = ParameterSetName == AzureDevOpsSet ? AzureDevOpsServiceConnection : null,
                SaveToVault = SaveToVault,
            };

            Connection? connection = null;
            SaveTarget? saveTarget;
            try
            {
                connection = Connector.Open(request, new PowerShellEnvironment(this, vaults), vaults, out saveTarget);
                if (connection.Context.Tokens is AccessTokenSource tokens)
                {
                    WriteVerbose($"Signing in keyless to {connection.BaseUrl} with {tokens.Origin} ({connection.Source}).");
                    Wait(Connector.SignInAsync(connection, StopToken));
                    WriteVerbose($"Signed in as the identity token's subject {tokens.Subject}; the W&B access token expires at " +
                                 $"{(tokens.ExpiresAt is DateTimeOffset at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z" : "a time W&B did not say")} " +
                                 "and is renewed with a fresh identity token when 5 minutes or less remain.");
                }
                else WriteVerbose($"Using a {ApiKeyFormat.Describe(connection.KeyFormat)} key {connection.KeyId} from {connection.Source} ({connection.SourceDetail}) for {connection.BaseUrl}.");
                if (Verify)
                {
                    WriteVerbose($"Verifying the {(connection.Context.IsKeyless ? "sign-in" : "key")} with {connection.BaseUrl}.");
                    Wait(Connector.VerifyAsync(connection, StopToken));
                }
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                connection?.Context.Dispose();
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
