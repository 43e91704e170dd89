using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;

namespace WandbAuth.Vault
{
    /// <summary>
    /// The only code that talks to SecretManagement: by invoking its public cmdlets, module-qualified, in the
    /// caller's runspace (or a vault worker's: see VaultWorkers). Values travel as SecureString parameters, never as script text.
    /// </summary>
    internal sealed class SecretManagementStore : ISecretStore
    {
        private const string Module = "Microsoft.PowerShell.SecretManagement";
        private readonly Runspace? _runspace;

        /// <summary>Both installers, as the README says: PSResourceGet ships with PowerShell 7.4+, PowerShellGet with 5.1.</summary>
        private const string NotInstalled = "SecretManagement is not installed; install it with Install-PSResource " + Module +
            " on PowerShell 7.4 and later, or Install-Module " + Module + " on Windows PowerShell 5.1";
        private string? _unavailable;
        private bool _probed;

        /// <param name="runspace">Where the cmdlets run: a vault worker's runspace, or null for the caller's own.</param>
        public SecretManagementStore(Runspace? runspace = null) { _runspace = runspace; }

        public string? UnavailableReason
        {
            get
            {
                if (_probed) return _unavailable;
                _probed = true;
                using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddCommand("Get-Command").AddParameter("Name", "Get-Secret").AddParameter("Module", Module).AddParameter("ErrorAction", "Ignore");
                _unavailable = ps.Invoke().Count > 0 ? null : NotInstalled;
                return _unavailable;
            }
        }

        public string? FindVault(string name)
        {
            var vaults = Vaults();
            if (vaults.Count == 0) return null;
            var infos = Run("Get-SecretInfo", p => p.AddParameter("Name", WildcardPattern.Escape(name)));
            var holding = new HashSet<string>(infos.Where(i => string.Equals(Prop(i, "Name"), name, StringComparison.OrdinalIgnoreCase))
                                                   .Select(i => Prop(i, "VaultName")!), StringComparer.OrdinalIgnoreCase);
            return vaults.OrderByDescending(v => v.IsDefault).Select(v => v.Name).FirstOrDefault(holding.Contains);
        }

        /// <summary>
        /// One Get-Secret call. SecretManagement reports a missing secret with a GetSecretNotFound error alone; a vault
        /// that fails adds an error of its own (the real module writes GetSecretInvalidOperation, then GetSecretNotFound
        /// too), so "absent" is concluded only from not-found errors with nothing else beside them. (This used to be a
        /// Get-SecretInfo first, twice the calls for every read.)
        /// </summary>
        public SecureString? Get(string name, string vault)
        {
            var result = Run("Get-Secret", p => p.AddParameter("Name", name).AddParameter("Vault", vault), IsNotFound).FirstOrDefault()?.BaseObject;
            return result switch
            {
                SecureString s => s,
                PSCredential c => c.Password,
                string text => Credentials.SecretText.ToSecureString(text),
                null => null,
                _ => throw new VaultException($"The secret '{name}' in vault '{vault}' holds a {result.GetType().Name}, not an API key."),
            };
        }

        private static bool IsNotFound(ErrorRecord error) =>
            error.FullyQualifiedErrorId != null &&
            (error.FullyQualifiedErrorId == "GetSecretNotFound" || error.FullyQualifiedErrorId.StartsWith("GetSecretNotFound,", StringComparison.Ordinal));

        public bool Exists(string name, string vault) =>
            Run("Get-SecretInfo", p => p.AddParameter("Name", WildcardPattern.Escape(name)).AddParameter("Vault", vault))
                .Any(i => string.Equals(Prop(i, "Name"), name, StringComparison.OrdinalIgnoreCase));

        public bool Set(string name, string vault, SecureString value, IDictionary<string, string>? metadata, bool noClobber)
        {
            if (metadata != null && metadata.Count > 0)
            {
                try
                {
                    SetSecret(name, vault, value, noClobber, metadata);
                    return true;
                }
                catch (VaultException) when (!noClobber || !Exists(name, vault))
                {
                    // Many vaults store no metadata and refuse the parameter: store the key alone.
                }
            }
            SetSecret(name, vault, value, noClobber, null);
            return false;
        }

        private void SetSecret(string name, string vault, SecureString value, bool noClobber, IDictionary<string, string>? metadata) =>
            Run("Set-Secret", p =>
            {
                p.AddParameter("Name", name).AddParameter("SecureStringSecret", value).AddParameter("Vault", vault);
                if (metadata != null)
                {
                    var table = new Hashtable();
                    foreach (var kv in metadata) table[kv.Key] = kv.Value;
                    p.AddParameter("Metadata", table);
                }
                if (noClobber) p.AddParameter("NoClobber");
            });

        public void SetText(string name, string vault, string value) =>
            Run("Set-Secret", p => p.AddParameter("Name", name).AddParameter("Secret", value).AddParameter("Vault", vault));

        public string? GetText(string name, string vault)
        {
            if (!Exists(name, vault)) return null;
            var result = Run("Get-Secret", p => p.AddParameter("Name", name).AddParameter("Vault", vault).AddParameter("AsPlainText")).FirstOrDefault()?.BaseObject;
            return result as string;
        }

        public void Remove(string name, string vault) =>
            Run("Remove-Secret", p => p.AddParameter("Name", name).AddParameter("Vault", vault));

        public IReadOnlyList<VaultInfo> Vaults() =>
            Run("Get-SecretVault", _ => { }).Select(v => new VaultInfo(Prop(v, "Name") ?? "", string.Equals(Prop(v, "IsDefault"), "True", StringComparison.OrdinalIgnoreCase))).ToList();

        public IReadOnlyList<string> SecretNames(string vault) =>
            Run("Get-SecretInfo", p => p.AddParameter("Vault", vault)).Select(i => Prop(i, "Name")).Where(n => n != null).Select(n => n!).ToList();

        /// <summary>One metadata value of a secret (Get-SecretInfo's Metadata), or null when absent or unsupported.</summary>
        public string? MetadataValue(string name, string vault, string key)
        {
            var info = Run("Get-SecretInfo", p => p.AddParameter("Name", WildcardPattern.Escape(name)).AddParameter("Vault", vault))
                .FirstOrDefault(i => string.Equals(Prop(i, "Name"), name, StringComparison.OrdinalIgnoreCase));
            if (!(info?.Properties["Metadata"]?.Value is IDictionary metadata)) return null;
            foreach (DictionaryEntry entry in metadata)
                if (string.Equals(entry.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase)) return entry.Value?.ToString();
            return null;
        }

        private static string? Prop(PSObject o, string name) => o.Properties[name]?.Value?.ToString();

        /// <summary>Runs one SecretManagement cmdlet; any error record fails the call unless <paramref name="tolerated"/> accepts it.</summary>
        private IReadOnlyList<PSObject> Run(string command, Action<PowerShell> parameters, Func<ErrorRecord, bool>? tolerated = null)
        {
            using var ps = _runspace == null ? PowerShell.Create(RunspaceMode.CurrentRunspace) : PowerShell.Create();
            if (_runspace != null) ps.Runspace = _runspace;
            ps.AddCommand(Module + "\\" + command);
            parameters(ps);
            // Errors are judged here, one by one: the caller's $ErrorActionPreference = 'Stop' (common in pipelines) must not
            // turn Get-Secret's "not found" into a failure before it is looked at.
            ps.AddParameter("ErrorAction", ActionPreference.Continue);
            IReadOnlyList<PSObject> output;
            try { output = ps.Invoke(); }
            catch (RuntimeException e) { throw new VaultException($"{command} failed: {e.Message}", e); }
            if (ps.HadErrors && ps.Streams.Error.FirstOrDefault(e => tolerated == null || !tolerated(e)) is ErrorRecord error)
                throw new VaultException($"{command} failed: {error.Exception?.Message ?? error.ToString()}", error.Exception);
            return output;
        }
    }
}
