using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace WandbAuth.Credentials
{
    /// <summary>
    /// Finds the key and base URL the way `wandb login` does, improved: environment, the default vault secret,
    /// settings files, .netrc, then a hidden prompt — and, where no prompt is possible, an error at once that
    /// lists every place it looked.
    /// </summary>
    internal sealed class CredentialChain
    {
        public const string ApiKeyVariable = "WANDB_API_KEY";
        public const string BaseUrlVariable = "WANDB_BASE_URL";
        public const string EntityVariable = "WANDB_ENTITY";
        public const string IdentityTokenFileVariable = "WANDB_IDENTITY_TOKEN_FILE";

        private readonly ICredentialEnvironment _env;
        private IReadOnlyList<(string Path, IniSettings Settings)>? _settings;

        public CredentialChain(ICredentialEnvironment env) { _env = env; }

        /// <summary>-BaseUrl, then WANDB_BASE_URL, then a settings file's base_url, then the public cloud.</summary>
        public Uri ResolveBaseUrl(Uri? explicitUrl, bool cloud)
        {
            if (cloud) return HostUrl.PublicCloud;
            if (explicitUrl != null) return HostUrl.Normalise(explicitUrl);
            var fromEnv = _env.GetVariable(BaseUrlVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv)) return HostUrl.Parse(fromEnv!);
            var fromFile = SettingsFiles().LastOrDefault(s => s.Settings.BaseUrl != null);
            if (fromFile.Settings == null) return HostUrl.PublicCloud;
            _baseUrlFile = fromFile.Path;
            return HostUrl.Parse(fromFile.Settings.BaseUrl!);
        }

        /// <summary>The settings file the base URL came from, when it came from one.</summary>
        private string? _baseUrlFile;

        /// <summary>-Entity, then WANDB_ENTITY, then a settings file's entity; null means the server's default.</summary>
        public string? ResolveEntity(string? explicitEntity)
        {
            if (!string.IsNullOrWhiteSpace(explicitEntity)) return explicitEntity;
            var fromEnv = _env.GetVariable(EntityVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
            return SettingsFiles().Select(s => s.Settings.Entity).LastOrDefault(e => e != null);
        }

        public FoundKey Find(Uri baseUrl, bool relogin)
        {
            var looked = new List<string>();
            if (!relogin)
            {
                var found = FromEnvironment(looked) ?? FromVault(baseUrl, looked) ?? FromSettings(baseUrl, looked) ?? FromNetrc(baseUrl, looked);
                if (found != null) return found;
            }
            return FromPrompt(baseUrl, looked, relogin);
        }

        /// <summary>
        /// WANDB_IDENTITY_TOKEN_FILE: keyless sign-in, found at the same step as WANDB_API_KEY, as the wandb SDK reads them
        /// (wandb/sdk/lib/wbauth/authenticate.py, _try_env_auth). A relative path is taken from the PowerShell location.
        /// Null when the variable is not set.
        /// </summary>
        public string? IdentityTokenFileFromEnvironment()
        {
            RefuseBothVariables();
            var path = _env.GetVariable(IdentityTokenFileVariable);
            if (string.IsNullOrWhiteSpace(path)) return null;
            return Path.IsPathRooted(path!.Trim()) ? path.Trim() : Path.Combine(_env.CurrentDirectory, path.Trim());
        }

        /// <summary>Both variables set is an error, as in the SDK: nothing says which the user meant.</summary>
        private void RefuseBothVariables()
        {
            if (string.IsNullOrWhiteSpace(_env.GetVariable(ApiKeyVariable)) || string.IsNullOrWhiteSpace(_env.GetVariable(IdentityTokenFileVariable))) return;
            throw new CredentialConflictException(
                $"Both {ApiKeyVariable} and {IdentityTokenFileVariable} are set, which is not allowed (the wandb SDK refuses it too): " +
                $"unset {ApiKeyVariable} to sign in keyless with the identity token, or {IdentityTokenFileVariable} to use the key.");
        }

        private FoundKey? FromEnvironment(List<string> looked)
        {
            RefuseBothVariables();
            var value = _env.GetVariable(ApiKeyVariable);
            if (string.IsNullOrWhiteSpace(value)) { looked.Add($"${ApiKeyVariable} and ${IdentityTokenFileVariable} (not set)"); return null; }
            return Checked(() => ApiKeyFormat.Check(value!), KeySource.EnvironmentVariable, ApiKeyVariable);
        }

        private FoundKey? FromVault(Uri baseUrl, List<string> looked)
        {
            var name = HostUrl.SecretNameFor(baseUrl);
            if (_env.VaultUnavailableReason is string why) { looked.Add($"vault secret '{name}' ({why})"); return null; }
            var hit = _env.FindVaultSecret(name);
            if (hit == null) { looked.Add($"vault secret '{name}' (in no registered vault)"); return null; }
            return Checked(() => ApiKeyFormat.Check(hit.Secret), KeySource.SecretVault, $"{hit.Vault}/{name}");
        }

        private FoundKey? FromSettings(Uri baseUrl, List<string> looked)
        {
            foreach (var (path, settings) in SettingsFiles())
            {
                var key = settings.ApiKey;
                if (key == null) { looked.Add($"{path} (no api_key)"); continue; }
                // A settings file written for another server must not hand its key to this one; nor may a key from
                // one file follow a base_url set by another (a cloned repository's ./wandb/settings, say).
                if (settings.BaseUrl != null && HostUrl.Parse(settings.BaseUrl) != baseUrl)
                {
                    looked.Add($"{path} (its api_key is for {settings.BaseUrl})");
                    continue;
                }
                if (settings.BaseUrl == null && _baseUrlFile != null && _baseUrlFile != path)
                {
                    looked.Add($"{path} (its api_key is not for {baseUrl}, which {_baseUrlFile} set)");
                    continue;
                }
                return Checked(() => ApiKeyFormat.Check(key), KeySource.SettingsFile, path);
            }
            if (SettingsFiles().Count == 0) looked.Add($"settings files {string.Join(", ", SettingsPaths())} (none exist)");
            return null;
        }

        private FoundKey? FromNetrc(Uri baseUrl, List<string> looked)
        {
            var machine = HostUrl.NetrcMachine(baseUrl);
            foreach (var path in NetrcPaths())
            {
                var text = _env.ReadFile(path);
                if (text == null) continue;
                var password = NetrcFile.Parse(text).PasswordFor(machine);
                if (password != null) return Checked(() => ApiKeyFormat.Check(password), KeySource.Netrc, path);
                looked.Add($"{path} (no machine {machine})");
                return null; // like netrc clients, only the first existing file counts
            }
            looked.Add($"netrc {string.Join(", ", NetrcPaths())} (none exist)");
            return null;
        }

        private FoundKey FromPrompt(Uri baseUrl, List<string> looked, bool relogin)
        {
            var why = _env.CannotPromptReason;
            if (why == null)
            {
                try
                {
                    var pasted = _env.PromptForKey($"Paste an API key from {HostUrl.AuthorizeUrl(baseUrl)} (input is hidden)");
                    return Checked(() => ApiKeyFormat.Check(pasted), KeySource.Prompt, "host prompt");
                }
                catch (PromptUnavailableException e) { why = e.Reason; }
            }
            var where = relogin ? "-Relogin asks for a new key at a prompt" : "No W&B API key was found for " + baseUrl;
            throw new CredentialNotFoundException(
                $"{where}, and this session cannot prompt ({why}). Give a key with -ApiKey (a SecureString), -Credential, " +
                $"-Vault with -SecretName, or the {ApiKeyVariable} environment variable (in Azure Pipelines map a secret variable into env:)." +
                (looked.Count > 0 ? " Looked in: " + string.Join("; ", looked) + "." : ""));
        }

        /// <summary>Text sources are checked before a SecureString is made of them, so an oversized value gets a clear message.</summary>
        private static FoundKey Checked(Func<CheckedKey> check, KeySource source, string detail)
        {
            try { return new FoundKey(check(), source, detail); }
            catch (ApiKeyFormatException e) { throw new ApiKeyFormatException($"The key from {source} ({detail}) is malformed: {e.Message}"); }
        }

        private IReadOnlyList<(string Path, IniSettings Settings)> SettingsFiles()
        {
            if (_settings != null) return _settings;
            var list = new List<(string, IniSettings)>();
            foreach (var path in SettingsPaths())
            {
                var text = _env.ReadFile(path);
                if (text != null) list.Add((path, IniSettings.Parse(text)));
            }
            return _settings = list;
        }

        /// <summary>The system settings file, then the workspace one (./wandb/settings).</summary>
        private IEnumerable<string> SettingsPaths()
        {
            var configDir = _env.GetVariable("WANDB_CONFIG_DIR");
            yield return string.IsNullOrWhiteSpace(configDir)
                ? Path.Combine(_env.HomeDirectory, ".config", "wandb", "settings")
                : Path.Combine(configDir, "settings");
            yield return Path.Combine(_env.CurrentDirectory, "wandb", "settings");
        }

        private IEnumerable<string> NetrcPaths()
        {
            var explicitPath = _env.GetVariable("NETRC");
            if (!string.IsNullOrWhiteSpace(explicitPath)) { yield return explicitPath!; yield break; }
            yield return Path.Combine(_env.HomeDirectory, ".netrc");
            yield return Path.Combine(_env.HomeDirectory, "_netrc");
        }
    }

    /// <summary>Thrown by a prompt the host cannot show; the chain turns it into its "how to give a key" error.</summary>
    internal sealed class PromptUnavailableException : Exception
    {
        public PromptUnavailableException(string reason) : base(reason) { Reason = reason; }
        public string Reason { get; }
    }

    internal sealed class CredentialNotFoundException : Exception
    {
        public CredentialNotFoundException(string message) : base(message) { }
    }

    /// <summary>Two credentials where one is meant (WANDB_API_KEY and WANDB_IDENTITY_TOKEN_FILE both set).</summary>
    internal sealed class CredentialConflictException : Exception
    {
        public CredentialConflictException(string message) : base(message) { }
    }
}
