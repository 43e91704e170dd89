using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using WandbAuth.Credentials;
using WandbAuth.Keys;
using WandbAuth.Rotation;
using WandbAuth.Session;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>
    /// Invoke-WandbKeyRotation: replaces the key kept in each vault secret with a new key of the same owner, verified
    /// before the old key is deleted. Piped secrets are collected, then rotated together in EndProcessing; the
    /// engine runs off the pipeline thread and hands every script and write back to it (RotationPump), and every vault
    /// call too unless vault workers run them side by side (RotationVaultGates).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "WandbKeyRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RotationResult))]
    public sealed class InvokeWandbKeyRotationCommand : WandbCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SecretNameCompleter))]
        public string SecretName { get; set; } = "";

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("VaultName")]
        [ArgumentCompleter(typeof(VaultNameCompleter))]
        public string? Vault { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewKeyName { get; set; }

        [Parameter]
        public SwitchParameter KeepOldKey { get; set; }

        [Parameter]
        [Alias("Host")]
        public Uri? BaseUrl { get; set; }

        [Parameter]
        public Connection? Connection { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        public ScriptBlock? UpdateScript { get; set; }

        [Parameter]
        public ScriptBlock? TestScript { get; set; }

        [Parameter]
        [ValidatePattern(@"^[A-Za-z_][A-Za-z0-9_.\-]*$")]
        public string? AzureDevOpsVariable { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        private sealed class Planned
        {
            public Planned(string secret, string vault, Uri baseUrl, Connection? connection)
            {
                Secret = secret; Vault = vault; BaseUrl = baseUrl; Connection = connection;
            }
            public string Secret { get; }
            public string Vault { get; }
            public Uri BaseUrl { get; }
            /// <summary>The connection whose HttpClient is reused, when it is for the same server.</summary>
            public Connection? Connection { get; }
        }

        private readonly List<Planned> _planned = new List<Planned>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private SecretManagementStore _store = null!;
        private bool _printVariable;

        protected override void BeginProcessing()
        {
            _store = new SecretManagementStore();
            if (_store.UnavailableReason is string why)
                ThrowTerminatingError(ErrorRecords.For($"Cannot rotate keys kept in vaults: {why}.", "WandbSecretManagementMissing", ErrorCategory.NotInstalled, null));
            _printVariable = AzureDevOpsVariable != null && RotationScripts.InAzureDevOps();
            if (AzureDevOpsVariable != null && !_printVariable)
                WriteWarning($"-AzureDevOpsVariable {AzureDevOpsVariable} was ignored: TF_BUILD is not set, so this is not an Azure Pipelines job and the new key is not printed.");
        }

        protected override void ProcessRecord()
        {
            // Rotation's own working secrets stay in the vault (cleared) and match 'Wandb*' filters: piped in, they
            // are passed over quietly; named with -SecretName, the engine refuses them with a reason.
            if (MyInvocation.ExpectingInput && RotationNames.IsHelper(SecretName, out var rotated))
            {
                WriteVerbose($"Skipping '{SecretName}': it is the working secret of rotations of '{rotated}', not a key to rotate.");
                return;
            }
            string? vault;
            try { vault = string.IsNullOrEmpty(Vault) ? _store.FindVault(SecretName) : Vault; }
            catch (VaultException e) { WriteFailure(e, SecretName); return; }
            if (vault == null)
            {
                WriteError(ErrorRecords.For($"No registered vault holds a secret named '{SecretName}'. Give -Vault.", "WandbSecretNotFound", ErrorCategory.ObjectNotFound, SecretName));
                return;
            }
            var target = $"{vault}/{SecretName}";
            if (!_seen.Add(target)) { WriteVerbose($"{target} was given more than once; it is rotated once."); return; }

            Uri baseUrl;
            Connection? connection;
            try
            {
                (baseUrl, connection) = ResolveServer(vault);
                HostUrl.RequireSecureTransport(baseUrl, AllowUnencryptedAuthentication);
            }
            catch (Exception e) when (e is ArgumentException || e is InsecureTransportException || e is VaultException)
            {
                WriteFailure(e, target);
                return;
            }

            if (!ShouldProcess(target, Plan(baseUrl))) return;
            _planned.Add(new Planned(SecretName, vault, baseUrl, connection));
        }

        protected override void EndProcessing()
        {
            if (_planned.Count == 0) return;
            if (_printVariable && _planned.Count > 1)
                ThrowTerminatingError(ErrorRecords.For(
                    $"-AzureDevOpsVariable names one variable but {_planned.Count} secrets were given; rotate the secret for that variable on its own. Nothing was changed.",
                    "WandbAzureDevOpsVariableAmbiguous", ErrorCategory.InvalidArgument, AzureDevOpsVariable));

            var servers = new Dictionary<string, RotationServer>(StringComparer.OrdinalIgnoreCase);
            using var pump = new RotationPump(StopToken);
            using var gates = RotationVaultGates.Open(SecretManagementModule.InCurrentRunspace(), _planned.Count, ThrottleLimit, new PumpVaultGate(pump, _store));
            WriteVerbose($"Rotating {_planned.Count} secret(s), at most {ThrottleLimit} at once; {gates.Note}");
            try
            {
                var requests = _planned.Select(p => Request(p, ServerFor(p, servers), pump)).ToList();
                var runner = new RotationRunner(gates.Gate, new RotationOptions { ScriptLease = gates.ScriptLease }, gates.LeaseGate);
                var progress = new RotationProgressWriter(this, _planned.Count);
                progress.Start();
                var rotation = Task.Run(() => runner.RotateAllAsync(requests, ThrottleLimit,
                    onResult: r => pump.Post(() => WriteResult(r)),
                    onProgress: p => pump.Post(() => progress.Report(p)),
                    ct: StopToken));
                pump.RunUntil(rotation);
                if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
                progress.Complete();
                if (rotation.IsFaulted) Fail(rotation.Exception!.GetBaseException(), null);
            }
            finally
            {
                foreach (var server in servers.Values) server.Dispose();
            }
        }

        /// <summary>-BaseUrl, else the connection's server, else the BaseUrl the secret's metadata records, else the public cloud.</summary>
        private (Uri, Connection?) ResolveServer(string vault)
        {
            var connection = Connection ?? ConnectionStore.Get();
            Uri url;
            if (BaseUrl != null) url = HostUrl.Normalise(BaseUrl);
            else if (connection != null) url = connection.BaseUrl;
            else
            {
                var recorded = _store.MetadataValue(SecretName, vault, "BaseUrl");
                url = string.IsNullOrWhiteSpace(recorded) ? HostUrl.PublicCloud : HostUrl.Parse(recorded!);
            }
            return (url, connection != null && IsFor(connection, url) ? connection : null);
        }

        private static bool IsFor(Connection connection, Uri url) => Uri.Compare(connection.BaseUrl, url,
            UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>
        /// The session's connections to the secret's server (-Connection and the runspace's). One whose key the rotation
        /// replaces is switched to the new key, so the session never loses its key (as Remove-WandbApiKey's guard ensures).
        /// </summary>
        private SessionKeySwitch? SessionFor(Planned p, RotationPump pump)
        {
            var connections = new[] { Connection, ConnectionStore.Get() }.OfType<Connection>().Where(c => IsFor(c, p.BaseUrl)).ToList();
            return connections.Count == 0 ? null : new SessionKeySwitch(connections, said => pump.Run(said));
        }

        private string Plan(Uri baseUrl)
        {
            var scripts = TestScript != null && UpdateScript != null ? "run the test and update scripts with it, "
                : TestScript != null ? "run the test script with it, "
                : UpdateScript != null ? "run the update script with it, " : "";
            var end = KeepOldKey ? "keep the old key" : "delete the old key";
            return $"Rotate the W&B API key (server {baseUrl.GetLeftPart(UriPartial.Authority)}): create a new key for the key's owner, " +
                   $"verify it, {scripts}store it in the secret, {end}";
        }

        private RotationRequest Request(Planned p, RotationServer server, RotationPump pump) => new RotationRequest(p.Secret, p.Vault, server)
        {
            NewKeyName = NewKeyName,
            KeepOldKey = KeepOldKey,
            TestScript = RotationScripts.From(TestScript, pump),
            UpdateScript = RotationScripts.From(UpdateScript, pump),
            Note = note => pump.Post(() => WriteVerbose(note)),
            Session = SessionFor(p, pump),
            NewKeyStored = _printVariable && Host.UI != null ? RotationScripts.AzureDevOpsVariable(AzureDevOpsVariable!, Host.UI, pump) : null,
        };

        private static RotationServer ServerFor(Planned p, Dictionary<string, RotationServer> servers)
        {
            if (p.Connection != null) return RotationServer.Over(p.Connection.Context);
            if (!servers.TryGetValue(p.BaseUrl.AbsoluteUri, out var server))
                servers[p.BaseUrl.AbsoluteUri] = server = RotationServer.Open(p.BaseUrl);
            return server;
        }

        /// <summary>Every result is output; a rollback or failure is also a non-terminating error, so -ErrorAction and $? work.</summary>
        private void WriteResult(RotationResult result)
        {
            WriteObject(result);
            if (result.Status == RotationStatus.RolledBack)
                WriteError(new ErrorRecord(new InvalidOperationException($"{result.Vault}/{result.SecretName}: {result.Message}"),
                    "WandbRotationRolledBack", ErrorCategory.InvalidResult, result));
            else if (result.Status == RotationStatus.Failed)
                WriteError(new ErrorRecord(new InvalidOperationException($"{result.Vault}/{result.SecretName}: {result.Message}"),
                    result.ErrorId ?? "WandbRotationFailed", result.ErrorId is null or KeylessIdentity.ErrorId ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidData, result));
        }
    }
}
