using System;
using System.Management.Automation;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Keys;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>
    /// New-WandbApiKey: creates a key for the connected identity, optionally straight into a vault. W&amp;B shows the
    /// secret once, so a key that cannot be stored is deleted again; the key leaves its SecureString only with
    /// -AsPlainText.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WandbApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CreatedApiKey))]
    public sealed class NewWandbApiKeyCommand : WandbCmdlet
    {
        /// <summary>The descriptive name ("Key name" on the settings page).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = null!;

        [Parameter]
        [ArgumentCompleter(typeof(VaultNameCompleter))]
        public string? Vault { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(SecretNameCompleter))]
        public string? SecretName { get; set; }

        /// <summary>Replace an existing secret of that name.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return Key as plain text instead of a SecureString.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        [Parameter]
        public Connection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = RequireConnection(Connection);
            var vaults = Vault != null || SecretName != null ? new SecretManagementStore() : null;
            var creator = new KeyCreator(connection.Context.Api, vaults, WriteVerbose)
            {
                Keyless = connection.Context.Tokens is AccessTokenSource tokens ? new KeylessIdentity(tokens.Origin, tokens.Subject ?? "") : null,
            };

            CreatePlan plan;
            try { plan = creator.Plan(Name, Vault, SecretName, Force); }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                WriteError(KeyErrors.For(e, Name));
                return;
            }

            var owner = connection.User ?? $"the owner of key {connection.KeyId}";
            var action = plan.Stores
                ? $"Create API key '{Name}' and store it in vault '{plan.Vault}' as '{plan.SecretName}'{(plan.Overwrite ? " (replacing any secret of that name)" : "")}"
                : $"Create API key '{Name}'";
            if (!ShouldProcess($"{owner} at {connection.BaseUrl}", action)) return;

            CreatedKey created;
            try { created = creator.Create(plan, StopToken); }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                WriteError(KeyErrors.For(e, Name));
                return;
            }

            foreach (var warning in created.Warnings) WriteWarning(warning);
            if (created.Stored)
                WriteVerbose($"Stored key {created.Key.KeyId} in vault '{plan.Vault}' as '{plan.SecretName}'{(created.MetadataStored ? " with metadata" : " (the vault takes no metadata)")}.");
            try
            {
                WriteObject(AsPlainText ? PlainText(created) : created.Key);
            }
            catch (PipelineStoppedException)
            {
                // Stopped before the key reached anyone: unless a vault holds it, nobody ever will.
                creator.TryRevoke(created);
                throw;
            }
        }

        /// <summary>
        /// The key as a string, typed so that its default view shows it; when no vault holds it, a warning (which
        /// never carries the key) says this is the only time it is shown.
        /// </summary>
        private PSObject PlainText(CreatedKey created)
        {
            created.Key.Key = SecretText.Reveal(created.Secret);
            if (!created.Stored)
                WriteWarning($"The new key {created.Key.KeyId} is stored nowhere: this output is the only time it is shown, and W&B cannot show it again. Copy it now, or keep new keys in a vault with -Vault or -SecretName.");
            var output = PSObject.AsPSObject(created.Key);
            output.TypeNames.Insert(0, CreatedApiKey.PlainTextTypeName);
            return output;
        }
    }
}
