using System.Security;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.UnitTests.Rotation.Support;

internal enum VaultOp { Get, Exists, Set, Remove }

/// <summary>One call the engine made into the vault.</summary>
internal sealed record VaultCall(VaultOp Op, string Name)
{
    public bool Is(VaultOp op, string name) => Op == op && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Thrown by everything once a simulated crash took the process down.</summary>
internal sealed class SimulatedCrash() : Exception("the process died here (simulated crash)");

/// <summary>
/// An in-memory SecretManagement vault with the behaviours that matter to rotation: -NoClobber, vaults that
/// refuse metadata, name rules and soft delete (Azure Key Vault's), and hooks that fail a call before or after it happens.
/// </summary>
internal sealed class MemoryVault : ISecretStore
{
    private sealed record Entry(string Value, IDictionary<string, string>? Metadata);

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _softDeleted = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, bool> _acceptsName;

    public MemoryVault(string name = "TestVault", bool storesMetadata = true, Func<string, bool>? acceptsName = null, bool softDeletes = false)
    {
        Name = name;
        StoresMetadata = storesMetadata;
        SoftDeletes = softDeletes;
        _acceptsName = acceptsName ?? (_ => true);
    }

    /// <summary>Like Az.KeyVault: [0-9a-zA-Z-] names, and Remove soft-deletes.</summary>
    public static MemoryVault AzureKeyVaultLike(string name = "Prod") => new(name, acceptsName: AzureKeyVaultName, softDeletes: true);

    public string Name { get; }
    public bool StoresMetadata { get; }
    /// <summary>Remove keeps the name taken (Key Vault's soft delete): writing it again fails until <see cref="Purge"/>.</summary>
    public bool SoftDeletes { get; }
    /// <summary>Set by a simulated crash: the process is gone, so nothing it does reaches the vault.</summary>
    public bool Down { get; set; }
    /// <summary>
    /// Every call changes nothing and answers "absent" without failing, as SecretManagement calls nested in a stopped
    /// pipeline do: a read that says nothing is there proves nothing.
    /// </summary>
    public bool AnswersNothing { get; set; }
    /// <summary>Runs before each call; throwing from it fails the call before anything changes.</summary>
    public Action<VaultCall>? Before { get; set; }
    /// <summary>Runs after each call did its work; throwing from it fails the call although the change stays.</summary>
    public Action<VaultCall>? After { get; set; }
    public List<VaultCall> Calls { get; } = [];

    /// <summary>Azure Key Vault: names of [0-9a-zA-Z-] only.</summary>
    public static bool AzureKeyVaultName(string name) => name.Length is > 0 and <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    // Test-side access, outside the engine's view.
    public void Put(string name, string value) { lock (_gate) { _secrets[name] = new Entry(value, null); _softDeleted.Remove(name); } }
    public string? Peek(string name) { lock (_gate) return _secrets.TryGetValue(name, out var e) ? e.Value : null; }
    public bool Has(string name) { lock (_gate) return _secrets.ContainsKey(name); }
    public IDictionary<string, string>? MetadataOf(string name) { lock (_gate) return _secrets.TryGetValue(name, out var e) ? e.Metadata : null; }
    public IReadOnlyList<string> Names() { lock (_gate) return [.. _secrets.Keys]; }
    /// <summary>Purges a soft-deleted secret; false when none of that name was deleted.</summary>
    public bool Purge(string name) { lock (_gate) return _softDeleted.Remove(name); }

    public string? UnavailableReason => null;

    public string? FindVault(string name) => Has(name) ? Name : null;

    public SecureString? Get(string name, string vault) => Call(VaultOp.Get, name, vault, () =>
        _secrets.TryGetValue(name, out var e) ? SecretText.ToSecureString(e.Value) : null);

    public bool Exists(string name, string vault) => Call(VaultOp.Exists, name, vault, () => _secrets.ContainsKey(name));

    public bool Set(string name, string vault, SecureString value, IDictionary<string, string>? metadata, bool noClobber) =>
        Call(VaultOp.Set, name, vault, () =>
        {
            if (!_acceptsName(name)) throw new VaultException($"Set-Secret failed: '{name}' is not a valid secret name for vault {Name}.");
            if (_softDeleted.Contains(name))
                throw new VaultException($"Set-Secret failed: Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; " +
                    "in this state, the secret can only be recovered or purged.");
            if (noClobber && _secrets.ContainsKey(name)) throw new VaultException($"Set-Secret failed: a secret named '{name}' already exists in vault {Name}.");
            // ISecretStore.Set's contract: metadata only where the vault takes it (SecretManagementStore retries without).
            bool withMetadata = metadata is { Count: > 0 } && StoresMetadata;
            _secrets[name] = new Entry(SecretText.Reveal(value), withMetadata ? new Dictionary<string, string>(metadata!) : null);
            return withMetadata;
        });

    public void SetText(string name, string vault, string value) =>
        Set(name, vault, SecretText.ToSecureString(value), null, noClobber: false);

    public string? GetText(string name, string vault) => Get(name, vault) is { } s ? SecretText.Reveal(s) : null;

    public void Remove(string name, string vault) => Call(VaultOp.Remove, name, vault, () =>
    {
        if (!_secrets.Remove(name)) throw new VaultException($"Remove-Secret failed: no secret named '{name}' in vault {Name}.");
        if (SoftDeletes) _softDeleted.Add(name);
        return true;
    });

    public IReadOnlyList<VaultInfo> Vaults() => [new VaultInfo(Name, isDefault: true)];

    public IReadOnlyList<string> SecretNames(string vault) => Names();

    private T Call<T>(VaultOp op, string name, string vault, Func<T> work)
    {
        if (Down) throw new SimulatedCrash();
        if (!string.Equals(vault, Name, StringComparison.OrdinalIgnoreCase)) throw new VaultException($"There is no vault named '{vault}'.");
        var call = new VaultCall(op, name);
        lock (_gate) Calls.Add(call);
        if (AnswersNothing) return default!;
        Before?.Invoke(call);
        T result;
        lock (_gate) result = work();
        After?.Invoke(call);
        return result;
    }
}
