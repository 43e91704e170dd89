using System;
using WandbAuth.Credentials;
using WandbAuth.Session;

namespace WandbAuth
{
    /// <summary>
    /// A connection to a W&amp;B server, as Connect-Wandb returns it. It holds the key, or for keyless sign-in the identity
    /// token's source and a W&amp;B access token, but never shows either.
    /// </summary>
    public sealed class Connection
    {
        internal Connection(ConnectionContext context, KeySource source, string sourceDetail)
        {
            Context = context;
            Source = source;
            SourceDetail = sourceDetail;
            KeyId = context.Key?.KeyIdHint ?? "";
        }

        internal ConnectionContext Context { get; private set; }

        /// <summary>
        /// Uses <paramref name="key"/> from now on: a rotation replaced this connection's key with a verified key of the
        /// same owner. Server, transport, user and teams stay; <paramref name="keyId"/> is the server's key ID, if known.
        /// </summary>
        internal void SwitchKey(CheckedKey key, string? keyId)
        {
            Context = Context.WithKey(key);
            KeyId = keyId ?? key.KeyIdHint;
        }

        public Uri BaseUrl => Context.BaseUrl;
        /// <summary>The key's first part, as W&amp;B's settings page shows it; empty for keyless sign-in.</summary>
        public string KeyId { get; internal set; }
        /// <summary>The key's format; Jwt for keyless sign-in, which uses an identity token (a JWT) instead.</summary>
        public ApiKeyKind KeyFormat => Context.Key?.Kind ?? ApiKeyKind.Jwt;
        public KeySource Source { get; }
        /// <summary>Variable name, file path, vault/secret name or service connection: where the credential came from, never the credential.</summary>
        public string SourceDetail { get; }
        public bool Verified { get; internal set; }
        // What only the server can say is null, shown blank, until -Verify asked it: unknown, not "no" or "none".
        /// <summary>The key's owner; null until verified.</summary>
        public string? User { get; internal set; }
        public string? DefaultEntity { get; internal set; }
        /// <summary>The owner's teams; null until verified.</summary>
        public string[]? Teams { get; internal set; }
        /// <summary>Whether the owner is an instance (organization) admin; null until verified.</summary>
        public bool? IsAdmin { get; internal set; }
        /// <summary>Keyless sign-in: the identity token's subject (its sub claim), who W&amp;B signs in. Null with an API key.</summary>
        public string? Subject => Context.Tokens?.Subject;
        /// <summary>
        /// Keyless sign-in: when the W&amp;B access token expires. It is renewed with a fresh identity token once 5 minutes or
        /// less remain, so this moves on in a long session. Null with an API key, or when W&amp;B did not say.
        /// </summary>
        public DateTimeOffset? AccessTokenExpiresAt => Context.Tokens?.ExpiresAt;

        public override string ToString() => $"{User ?? Subject ?? KeyId} at {BaseUrl}";
    }
}
