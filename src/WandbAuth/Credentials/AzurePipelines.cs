using System;
using System.Security;

namespace WandbAuth.Credentials
{
    /// <summary>What keyless sign-in from an Azure Pipelines job needs, read from the job's environment.</summary>
    internal sealed class AzurePipelinesOidc
    {
        public AzurePipelinesOidc(Uri requestUri, SecureString accessToken, string serviceConnectionId, string? expectedName, string given)
        {
            RequestUri = requestUri; AccessToken = accessToken; ServiceConnectionId = serviceConnectionId; ExpectedName = expectedName; Given = given;
        }

        /// <summary>System.OidcRequestUri: the only place System.AccessToken is ever sent.</summary>
        public Uri RequestUri { get; }
        /// <summary>The job's System.AccessToken.</summary>
        public SecureString AccessToken { get; }
        public string ServiceConnectionId { get; }
        /// <summary>The name the user gave when the id came from the task's variable: checked against the token's subject.</summary>
        public string? ExpectedName { get; }
        /// <summary>What the user gave (-AzureDevOpsServiceConnection), for messages and the connection's SourceDetail.</summary>
        public string Given { get; }
    }

    /// <summary>
    /// Reads an Azure Pipelines job's OIDC request settings, as Azure DevOps documents them (release notes, sprint 240,
    /// "Pipelines and tasks populate variables to customize Workload identity federation authentication"): the pipeline
    /// variable System.OidcRequestUri (SYSTEM_OIDCREQUESTURI in a script's environment), System.AccessToken (a secret, so
    /// in a script's environment only when the step maps it), and a service connection's id. A script learns the id of a
    /// connection by its name from nowhere public, except AZURESUBSCRIPTION_SERVICE_CONNECTION_ID, which the AzureCLI@2
    /// and AzurePowerShell@5 tasks set for their own connection; so the id is taken as given, or from that variable when a
    /// name is given, and then the name is checked against the token's subject (see AzureDevOpsOidc.CheckName).
    /// </summary>
    internal static class AzurePipelines
    {
        public const string OidcRequestUriVariable = "SYSTEM_OIDCREQUESTURI";
        public const string AccessTokenVariable = "SYSTEM_ACCESSTOKEN";
        public const string TaskServiceConnectionVariable = "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID";

        public static AzurePipelinesOidc Resolve(string serviceConnection, ICredentialEnvironment env)
        {
            var given = serviceConnection.Trim();
            if (given.Length == 0) throw new ArgumentException("-AzureDevOpsServiceConnection needs a service connection's id or name.");
            var requestUri = env.GetVariable(OidcRequestUriVariable);
            if (string.IsNullOrWhiteSpace(requestUri))
                throw new AzurePipelinesException(string.IsNullOrWhiteSpace(env.GetVariable("TF_BUILD"))
                    ? "This is not an Azure Pipelines job (TF_BUILD and SYSTEM_OIDCREQUESTURI are not set), so there is no service connection to sign in with. " +
                      "Outside a pipeline, sign in keyless with -IdentityTokenFile (a file holding a JWT from your identity provider), or with an API key."
                    : "This Azure Pipelines job exposes no OIDC request URI (System.OidcRequestUri, SYSTEM_OIDCREQUESTURI in the environment). " +
                      "Azure DevOps Services sets it for every job; Azure DevOps Server and older agents may not have it.");
            if (!Uri.TryCreate(requestUri!.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new AzurePipelinesException($"{OidcRequestUriVariable} does not hold an http(s) address, so it is not the job's OIDC request URI.");
            if (uri.Scheme != Uri.UriSchemeHttps && !HostUrl.IsLoopback(uri))
                throw new InsecureTransportException(
                    $"Refusing to send System.AccessToken to {uri.GetLeftPart(UriPartial.Authority)} over unencrypted HTTP: {OidcRequestUriVariable} must be an https:// address.");

            var token = env.GetVariable(AccessTokenVariable);
            if (string.IsNullOrEmpty(token))
                throw new AzurePipelinesException(
                    "System.AccessToken is not in this step's environment. Azure Pipelines hands secrets to scripts only when the step maps them: " +
                    $"add `env: {AccessTokenVariable}: $(System.AccessToken)` to the step.");

            string id;
            string? expectedName = null;
            if (Guid.TryParse(given, out var guid)) id = guid.ToString();
            else
            {
                var fromTask = env.GetVariable(TaskServiceConnectionVariable);
                if (string.IsNullOrWhiteSpace(fromTask) || !Guid.TryParse(fromTask!.Trim(), out var taskGuid))
                    throw new AzurePipelinesException(
                        $"Azure Pipelines does not tell a script the id of the service connection '{given}' by its name. Give its id (a GUID: Project settings > " +
                        "Service connections > the connection; the address ends with resourceId=<id>), or run Connect-Wandb in an AzureCLI@2 or AzurePowerShell@5 " +
                        $"task whose azureSubscription is '{given}': those tasks set {TaskServiceConnectionVariable}.");
                id = taskGuid.ToString();
                expectedName = given;
            }
            return new AzurePipelinesOidc(uri, SecretText.ToSecureString(token!), id, expectedName, given);
        }
    }

    /// <summary>Keyless sign-in from Azure Pipelines cannot start here: not a pipeline, or a setting the step lacks.</summary>
    public sealed class AzurePipelinesException : Exception
    {
        public AzurePipelinesException(string message) : base(message) { }
    }
}
