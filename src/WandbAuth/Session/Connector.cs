using System;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Session
{
    /// <summary>Turns a ConnectRequest into a Connection: base URL, key source, transport rules, optional verification.</summary>
    internal static class Connector
    {
        /// <param name="saveTarget">With -SaveToVault, where the key goes: checked before the key is looked for (or prompted for).</param>
        public static Connection Open(ConnectRequest request, ICredentialEnvironment env, ISecretStore vaults, out SaveTarget? saveTarget,
            ClientOptions? options = null)
        {
            var chain = new CredentialChain(env);
            var baseUrl = chain.ResolveBaseUrl(request.BaseUrl, request.Cloud);
            HostUrl.RequireSecureTransport(baseUrl, request.AllowUnencrypted);
            saveTarget = request.SaveToVault ? SaveTarget.For(request.Vault, request.SecretName, baseUrl, vaults) : null;

            var connection = OpenKeyless(request, chain, env, baseUrl, options);
            if (connection == null)
            {
                var found = Find(request, chain, baseUrl, vaults);
                connection = new Connection(new ConnectionContext(baseUrl, found.Key, options), found.Source, found.SourceDetail);
            }
            else if (saveTarget != null)
            {
                connection.Context.Dispose();
                throw new VaultException($"-SaveToVault stores an API key, and this sign-in is keyless ({connection.SourceDetail}): identity tokens " +
                                         "and W&B access tokens are short-lived, so WandbAuth keeps only API keys in vaults. Nothing was stored.");
            }
            connection.DefaultEntity = chain.ResolveEntity(request.Entity);
            return connection;
        }

        /// <summary>
        /// Keyless sign-in, when asked for (-IdentityTokenFile, -AzureDevOpsServiceConnection) or when WANDB_IDENTITY_TOKEN_FILE
        /// is set and no key was given; null otherwise. Nothing is sent yet: <see cref="SignInAsync"/> makes the first exchange.
        /// </summary>
        private static Connection? OpenKeyless(ConnectRequest request, CredentialChain chain, ICredentialEnvironment env, Uri baseUrl, ClientOptions? options)
        {
            options ??= new ClientOptions();
            if (request.AzureDevOpsServiceConnection != null)
            {
                var pipeline = AzurePipelines.Resolve(request.AzureDevOpsServiceConnection, env);
                return new Connection(new ConnectionContext(baseUrl, new AzureDevOpsOidc(pipeline, options), options),
                    KeySource.AzureDevOps, $"service connection {pipeline.Given}");
            }
            if (request.IdentityTokenFile != null)
                return new Connection(new ConnectionContext(baseUrl, new IdentityTokenFile(request.IdentityTokenFile), options),
                    KeySource.IdentityToken, request.IdentityTokenFile);
            if (request.Key != null || request.FromVault || request.Relogin) return null;
            var path = chain.IdentityTokenFileFromEnvironment();
            return path == null ? null
                : new Connection(new ConnectionContext(baseUrl, new IdentityTokenFile(path), options),
                    KeySource.IdentityToken, $"{CredentialChain.IdentityTokenFileVariable} ({path})");
        }

        /// <summary>Keyless: the first identity token exchange, so a token W&amp;B refuses fails Connect-Wandb. Nothing for a key.</summary>
        public static Task SignInAsync(Connection connection, CancellationToken ct) => connection.Context.SignInAsync(ct);

        private static FoundKey Find(ConnectRequest request, CredentialChain chain, Uri baseUrl, ISecretStore vaults)
        {
            if (request.Key != null)
                return new FoundKey(ApiKeyFormat.Check(request.Key), KeySource.Parameter, "-ApiKey");
            if (request.FromVault)
            {
                if (vaults.UnavailableReason is string why) throw new VaultException($"Cannot read the key from a vault: {why}.");
                var name = request.SecretName ?? HostUrl.SecretNameFor(baseUrl);
                var vault = request.Vault ?? vaults.FindVault(name)
                    ?? throw new CredentialNotFoundException($"No registered vault holds a secret named '{name}'.");
                var secret = vaults.Get(name, vault)
                    ?? throw new CredentialNotFoundException($"The vault '{vault}' holds no secret named '{name}'.");
                return new FoundKey(ApiKeyFormat.Check(secret), KeySource.SecretVault, $"{vault}/{name}");
            }
            return chain.Find(baseUrl, request.Relogin);
        }

        /// <summary>
        /// Asks the server who the key belongs to; a rejected key throws KeyRejected. The default team stays what
        /// -Entity, WANDB_ENTITY or a settings file chose, and is the server's only when none did.
        /// </summary>
        public static async Task VerifyAsync(Connection connection, CancellationToken ct)
        {
            var viewer = await connection.Context.GetViewerAsync(ct).ConfigureAwait(false);
            connection.Verified = true;
            connection.User = viewer.Username;
            connection.IsAdmin = viewer.Admin;
            connection.Teams = new System.Collections.Generic.List<string>(viewer.Teams).ToArray();
            connection.DefaultEntity ??= viewer.Entity;
            connection.KeyId = connection.Context.ServerKeyId(viewer) ?? connection.KeyId;
        }

        /// <summary>Stores the connection's key, with its key ID, server and owner as metadata where the vault takes it.</summary>
        public static void Save(Connection connection, SaveTarget target, ISecretStore vaults) =>
            vaults.Set(target.SecretName, target.Vault, connection.Context.Key!.Key,
                KeyMetadata.For(connection.KeyId, connection.BaseUrl, connection.User), noClobber: false);
    }
}
