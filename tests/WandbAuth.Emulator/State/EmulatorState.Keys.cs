namespace WandbAuth.Emulator;

public sealed partial class EmulatorState
{
    // Listing order is creation order; the indexes serve authentication, deleteApiKey and Revoke.
    private readonly List<StoredKey> _keys = [];
    private readonly Dictionary<string, StoredKey> _keysBySecret = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredKey> _keysById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredKey> _keysByKeyId = new(StringComparer.Ordinal);

    /// <summary>
    /// Test setup: creates a key for <paramref name="username"/> and returns the full secret, the only
    /// way besides generateApiKey that a secret ever leaves the emulator.
    /// </summary>
    public string IssueKey(string username, string description = "", KeyFormat? format = null)
    {
        lock (_gate)
        {
            return CreateKeyLocked(RequireUser(username), description, format ?? _options.DefaultKeyFormat).Secret;
        }
    }

    /// <summary>Live keys, of one user or of everybody, in creation order.</summary>
    public IReadOnlyList<EmulatorApiKey> Keys(string? username = null)
    {
        lock (_gate)
        {
            return [.. _keys.Where(k => username is null || k.Owner == username).Select(k => k.Snapshot())];
        }
    }

    /// <summary>A user's keys with the name a listing shows for each (<see cref="EmulatorOptions.ListingNames"/>).</summary>
    internal IReadOnlyList<(EmulatorApiKey Key, string Name)> Listing(string username)
    {
        lock (_gate)
        {
            var names = _options.ListingNames;
            return [.. _keys.Where(k => k.Owner == username)
                .Select(k => (k.Snapshot(), KeyMaterial.ListedName(k.Secret, k.KeyId, k.Format, names)))];
        }
    }

    public bool IsLive(string fullKey)
    {
        lock (_gate)
        {
            return _keysBySecret.ContainsKey(fullKey);
        }
    }

    public EmulatorUser? UserByKey(string fullKey)
    {
        lock (_gate)
        {
            return _keysBySecret.TryGetValue(fullKey, out var key) ? _users[key.Owner] : null;
        }
    }

    /// <summary>Revokes one key by its key ID (the listing name), as an admin would in the UI.</summary>
    public bool Revoke(string keyId)
    {
        lock (_gate)
        {
            if (!_keysByKeyId.TryGetValue(keyId, out var key))
            {
                return false;
            }

            RemoveLocked(key);
            return true;
        }
    }

    /// <returns>How many keys were revoked.</returns>
    public int RevokeAll(string username)
    {
        lock (_gate)
        {
            var owned = _keys.Where(k => k.Owner == username).ToList();
            owned.ForEach(RemoveLocked);
            return owned.Count;
        }
    }

    /// <summary>The key ID of a live key's secret, without counting as a use (the request log, tests).</summary>
    public string? KeyIdOf(string fullKey)
    {
        lock (_gate)
        {
            return _keysBySecret.GetValueOrDefault(fullKey)?.KeyId;
        }
    }

    /// <summary>The owner of a live key, stamping the key's lastUsedAt.</summary>
    internal EmulatorUser? Authenticate(string fullKey)
    {
        lock (_gate)
        {
            if (!_keysBySecret.TryGetValue(fullKey, out var key))
            {
                return null;
            }

            key.LastUsedAt = _options.Clock.GetUtcNow();
            return _users[key.Owner];
        }
    }

    private StoredKey CreateKeyLocked(EmulatorUser owner, string description, KeyFormat format)
    {
        string secret;
        do
        {
            secret = KeyMaterial.NewSecret(format);
        }
        // Legacy key IDs are only 10 hex digits; a listing must still tell keys apart.
        while (_keysByKeyId.ContainsKey(KeyMaterial.KeyIdOf(secret, format)));

        var key = new StoredKey(secret, NodeId.For("ApiKey", ++_lastNumber), owner.Username, description, format,
            _options.Clock.GetUtcNow());
        _keys.Add(key);
        _keysBySecret.Add(secret, key);
        _keysById.Add(key.Id, key);
        _keysByKeyId.Add(key.KeyId, key);
        return key;
    }

    private void RemoveLocked(StoredKey key)
    {
        _keys.Remove(key);
        _keysBySecret.Remove(key.Secret);
        _keysById.Remove(key.Id);
        _keysByKeyId.Remove(key.KeyId);
    }
}
