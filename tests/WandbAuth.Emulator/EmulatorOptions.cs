namespace WandbAuth.Emulator;

/// <summary>
/// Behaviour switches. The endpoint reads them on every request, so tests may change them while the
/// emulator runs (each property is a single machine word or reference, so reads never tear).
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>How a missing, unknown or revoked key is turned away (wandb-api.md allows both).</summary>
    public BadKeyRejection RejectMode { get; set; } = BadKeyRejection.Http401;

    /// <summary>
    /// When false the ApiKey type has no createdAt/lastUsedAt fields at all, as on a server where those
    /// columns are not exposed: documents asking for them fail validation and introspection omits them.
    /// </summary>
    public bool ApiKeyTimestampFields { get; set; } = true;

    /// <summary>Added to every /graphql request before it is handled.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Format of keys made by generateApiKey and by <see cref="EmulatorState.IssueKey"/> without a format.</summary>
    public KeyFormat DefaultKeyFormat { get; set; } = KeyFormat.V1;

    /// <summary>Source of createdAt/lastUsedAt, replaceable so tests can make keys look old.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// What a listing's ApiKey.name holds. Whether W&amp;B's key ID carries the wandb_v1_ prefix is not public, and
    /// servers older than hashed keys list the whole secret (wandb PRs #11271, #11663): each is a mode here.
    /// </summary>
    public ListingNames ListingNames { get; set; } = ListingNames.PrefixedKeyId;

    /// <summary>
    /// W&amp;B serves a user's apiKeys only to a client whose User-Agent it recognises ("W&amp;B Public Client ..."),
    /// and refuses the whole request with "relogin required" otherwise (wandb PR #12009). On by default, as on W&amp;B.
    /// </summary>
    public bool RequireFirstPartyClient { get; set; } = true;

    /// <summary>The HTTP status of that refusal: W&amp;B's is not public, so tests try both 401 and 200.</summary>
    public int UnrecognisedClientStatus { get; set; } = 401;

    /// <summary>An organization that turned off API key creation: generateApiKey is refused.</summary>
    public bool KeyCreationDisabled { get; set; }

    /// <summary>The organization's name: an identity token's aud must be it (W&amp;B docs: identity federation, JWT validation).</summary>
    public string OrganizationName { get; set; } = "emulator-org";

    /// <summary>As on Dedicated Cloud and Self-Managed, where "wandb" is also accepted as the audience.</summary>
    public bool AcceptWandbAudience { get; set; }

    /// <summary>As SKIP_AUDIENCE_VALIDATION=true on a Dedicated Cloud or Self-Managed instance: aud is not checked at all.</summary>
    public bool SkipAudienceValidation { get; set; }

    /// <summary>How long an access token from /oidc/token lasts (its expires_in). W&amp;B's default is not public.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

public enum ListingNames
{
    /// <summary>wandb_v1_&lt;key_id&gt; for current keys.</summary>
    PrefixedKeyId,

    /// <summary>&lt;key_id&gt; alone.</summary>
    BareKeyId,

    /// <summary>The whole secret: servers older than hashed keys.</summary>
    FullSecret,
}

public enum BadKeyRejection
{
    /// <summary>HTTP 401 with {"errors":[{"message":"user is not logged in","extensions":{"code":"PERMISSION_ERROR"}}]}, as W&amp;B answers.</summary>
    Http401,

    /// <summary>HTTP 200; viewer resolves to null and everything else is a "permission denied" GraphQL error.</summary>
    NullViewer,
}

public enum KeyFormat
{
    /// <summary>wandb_v1_&lt;27 alphanumerics&gt;_&lt;49 alphanumerics&gt; (86 characters).</summary>
    V1,

    /// <summary>40 lowercase hex characters.</summary>
    Legacy40,

    /// <summary>local- followed by 40 hex characters, as self-managed servers issue.</summary>
    SelfManaged,
}
