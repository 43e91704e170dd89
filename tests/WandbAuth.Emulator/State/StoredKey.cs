namespace WandbAuth.Emulator;

/// <summary>The server-side record of a key; only <see cref="EmulatorState"/> holds these.</summary>
internal sealed class StoredKey(string secret, string id, string owner, string description, KeyFormat format, DateTimeOffset createdAt)
{
    public string Secret { get; } = secret;
    public string Id { get; } = id;
    public string KeyId { get; } = KeyMaterial.KeyIdOf(secret, format);
    public string Owner { get; } = owner;
    public string Description { get; } = description;
    public KeyFormat Format { get; } = format;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset? LastUsedAt { get; set; }

    public EmulatorApiKey Snapshot() => new(Id, KeyId, Description, Owner, CreatedAt, LastUsedAt, Format);
}
