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
}

public enum BadKeyRejection
{
    /// <summary>HTTP 401 with {"errors":[{"message":"user is not logged in"}]}.</summary>
    Http401,

    /// <summary>HTTP 200; viewer resolves to null and everything else is a "permission denied" GraphQL error.</summary>
    NullViewer,
}

public enum KeyFormat
{
    /// <summary>wandb_v1_ followed by 77 alphanumerics (86 characters).</summary>
    V1,

    /// <summary>40 lowercase hex characters.</summary>
    Legacy40,

    /// <summary>local- followed by 40 hex characters, as self-managed servers issue.</summary>
    SelfManaged,
}
