using System;
using WandbAuth.Credentials;

namespace WandbAuth.Keys
{
    /// <summary>
    /// Who a keyless connection (an identity token exchanged for an access token) signs in as, as far as the key cmdlets
    /// care. W&amp;B's docs: a team service account whose authentication method is Federated Identity "cannot own API keys"
    /// (support article "What is a service account, and why is it useful?"); and a user's identity token has the user's email
    /// as its sub (identity federation, JWT validation), so a sub that is no email is an external service account's.
    /// </summary>
    internal sealed class KeylessIdentity
    {
        public KeylessIdentity(string origin, string subject) { Origin = origin; Subject = subject; }

        /// <summary>Where the identity tokens come from ("the identity token in /run/token").</summary>
        public string Origin { get; }
        public string Subject { get; }

        /// <summary>True when the subject cannot be a user's: it is no email (sc://… for an Azure Pipelines service connection, repo:… for GitHub).</summary>
        public bool IsCertainlyServiceAccount => Subject.IndexOf('@') < 0;

        public const string Rule =
            "W&B's docs say a service account whose authentication method is Federated Identity cannot own API keys.";

        /// <summary>The refusal of creating a key for this identity.</summary>
        public KeyOperationException CannotCreate(string? serverSaid = null, Exception? inner = null) =>
            new KeyOperationException(KeyProblem.FederatedIdentity,
                $"No API key can be created for this connection: it signed in keyless as '{Subject}' ({Origin}), " +
                (serverSaid == null ? "a federated service account. " : $"and W&B refused ({serverSaid.TrimEnd('.')}); this identity looks like a federated service account. ") +
                Rule + " Keyless sign-in needs no key; to create one, connect with the API key of a user or of a built-in service account. No key was created.",
                inner);

        /// <summary>The error id of everything keyless sign-in cannot do with keys.</summary>
        public const string ErrorId = "WandbKeylessCannotOwnKeys";

        /// <summary>
        /// True for an identity token or an access token (the credentials of keyless sign-in) rather than an API key: there
        /// is no key to rotate, and the federated identity it stands for could own none.
        /// </summary>
        public static bool IsFederatedCredential(ApiKeyKind kind) => kind == ApiKeyKind.Jwt || kind == ApiKeyKind.AccessToken;

        public static string CannotRotate(string secret) =>
            $"'{secret}' holds an identity token or an access token, the short-lived credentials of keyless sign-in, not a W&B API key: " +
            $"there is no key to rotate, and a federated identity has none to replace it with. {Rule} Nothing was changed. " +
            "Keyless sign-in renews its tokens by itself (Connect-Wandb -IdentityTokenFile or -AzureDevOpsServiceConnection); keep API keys in the secrets you rotate.";
    }
}
