using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>The credential chain's view of a real session: process environment, files, vaults and the host's prompt.</summary>
    internal sealed class PowerShellEnvironment : ICredentialEnvironment
    {
        private readonly PSCmdlet _cmdlet;
        private readonly ISecretStore _vaults;

        public PowerShellEnvironment(PSCmdlet cmdlet, ISecretStore vaults)
        {
            _cmdlet = cmdlet; _vaults = vaults;
        }

        public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

        public string HomeDirectory => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        public string CurrentDirectory => _cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;

        public string? ReadFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

        public string? VaultUnavailableReason => _vaults.UnavailableReason;

        public VaultHit? FindVaultSecret(string secretName)
        {
            var vault = _vaults.FindVault(secretName);
            var secret = vault == null ? null : _vaults.Get(secretName, vault);
            return secret == null ? null : new VaultHit(secret, vault!);
        }

        public string? CannotPromptReason
        {
            get
            {
                if (IsTrue("TF_BUILD")) return "running in Azure Pipelines (TF_BUILD is set)";
                if (IsTrue("GITHUB_ACTIONS")) return "running in GitHub Actions (GITHUB_ACTIONS is set)";
                if (_cmdlet.Host?.UI == null) return "the PowerShell host has no user interface";
                if (Environment.GetCommandLineArgs().Any(a => a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase)))
                    return "PowerShell was started with -NonInteractive";
                return null;
            }
        }

        public SecureString PromptForKey(string message)
        {
            try
            {
                _cmdlet.Host.UI.Write(message + ": ");
                return _cmdlet.Host.UI.ReadLineAsSecureString();
            }
            catch (Exception e) when (e is HostException || e is PSNotImplementedException || e is NotImplementedException || e is PSInvalidOperationException)
            {
                throw new PromptUnavailableException("the PowerShell host cannot prompt");
            }
        }

        private static bool IsTrue(string variable)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            return !string.IsNullOrEmpty(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";
        }
    }
}
