using System;
using System.Management.Automation;
using WandbAuth.Credentials;
using WandbAuth.Keys;

namespace WandbAuth.Commands
{
    /// <summary>
    /// Remove-WandbApiKey: deletes (and so revokes) keys by key ID, or as piped from Get- or New-WandbApiKey. Asks first
    /// (ConfirmImpact High) unless -Force or -Confirm:$false; refuses the session's own key unless -Force. Each key
    /// succeeds or fails on its own.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "WandbApiKey", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWandbApiKeyCommand : WandbCmdlet
    {
        private const string KeyIdSet = "KeyId";
        private const string InputObjectSet = "InputObject";

        private KeyRemover? _remover;
        private Connection? _connection;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeyIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KeyIdCompleter))]
        public string[] KeyId { get; set; } = null!;

        /// <summary>A key from Get-WandbApiKey or New-WandbApiKey.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApiKeyInfo InputObject { get; set; } = null!;

        /// <summary>Whose keys the key IDs are among (organization admins); your own when not given.</summary>
        [Parameter(ParameterSetName = KeyIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Owner")]
        public string? User { get; set; }

        /// <summary>Do not ask; also allows deleting the key this session uses.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public Connection? Connection { get; set; }

        protected override void BeginProcessing()
        {
            _connection = RequireConnection(Connection);
            _remover = new KeyRemover(_connection.Context.Api, _connection.Context.IsCurrentKey);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                Remove(InputObject.KeyId, () => _remover!.FromObject(InputObject));
                return;
            }
            foreach (var given in KeyId)
            {
                string keyId;
                // A whole key typed as a key ID is refused here, so it never becomes an error record's target.
                try { keyId = KeyIds.FromUserInput(given); }
                catch (ArgumentException e)
                {
                    WriteError(KeyErrors.For(e, null));
                    continue;
                }
                Remove(given, () => _remover!.Resolve(keyId, User, StopToken));
            }
        }

        private void Remove(string keyId, Func<KeyToRemove> resolve)
        {
            var context = _connection!.Context;
            KeyToRemove key;
            try { key = resolve(); }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                WriteError(KeyErrors.For(e, keyId));
                return;
            }

            var current = context.IsCurrentKey(key.KeyId);
            if (RemovalGuard.Refusal(key.KeyId, current, Force) is string why)
            {
                WriteError(KeyErrors.For(new KeyOperationException(KeyProblem.CurrentKeyProtected, why), keyId));
                return;
            }
            if (!Approve($"API key {key} at {context.BaseUrl}", "Delete (revokes the key for everything that uses it)")) return;

            try
            {
                _remover!.Delete(key, StopToken);
                WriteVerbose($"Deleted API key {key} at {context.BaseUrl}.");
                if (current)
                    WriteWarning($"Key {key.KeyId} was this session's key: this connection no longer works. Run Connect-Wandb with another key.");
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                WriteError(KeyErrors.For(e, keyId));
            }
        }

        /// <summary>-Force skips the question, but never -WhatIf, and not an explicit -Confirm.</summary>
        private bool Approve(string target, string action)
        {
            if (Force && !Requested("WhatIf", "WhatIfPreference") && !Requested("Confirm", null)) return true;
            return ShouldProcess(target, action);
        }

        private bool Requested(string parameter, string? preference)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var value))
                return value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value);
            return preference != null && LanguagePrimitives.IsTrue(GetVariableValue(preference));
        }
    }
}
