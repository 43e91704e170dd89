namespace WandbAuth.Emulator;

/// <summary>A snapshot of a live key. Deliberately carries no secret, only the key ID shown in listings.</summary>
/// <param name="Id">GraphQL node id, what deleteApiKey takes.</param>
/// <param name="KeyId">The leading part of the secret that listings show as ApiKey.name.</param>
/// <param name="Owner">Username of the owning user or service account.</param>
public sealed record EmulatorApiKey(
    string Id,
    string KeyId,
    string Description,
    string Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    KeyFormat Format);
