using System.Security;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.UnitTests.Keys.Support;

/// <summary>An ISecretStore in memory, with or without metadata, and hooks to fail a write before or after it lands.</summary>
internal sealed class MemoryVault : ISecretStore
{
    private readonly Dictionary<(string Vault, string Name), (string Value, IDictionary<string, string>? Metadata)> _secrets = new();

    public MemoryVault(params string[] vaults) { Names = vaults.Length == 0 ? new[] { "Local" } : vaults; }

    public string[] Names { get; }
    public bool TakesMetadata { get; set; } = true;
    public string? UnavailableReason { get; set; }
    /// <summary>Thrown instead of writing.</summary>
    public Exception? FailWrite { get; set; }
    /// <summary>Thrown after writing (a vault that committed and lost its reply).</summary>
    public Exception? FailAfterWrite { get; set; }

    public string? Plain(string vault, string name) => _secrets.TryGetValue((vault, name), out var s) ? s.Value : null;
    public IDictionary<string, string>? Metadata(string vault, string name) => _secrets.TryGetValue((vault, name), out var s) ? s.Metadata : null;
    public void Seed(string vault, string name, string value) => _secrets[(vault, name)] = (value, null);

    public string? FindVault(string name) => Names.FirstOrDefault(v => _secrets.ContainsKey((v, name)));
    public SecureString? Get(string name, string vault) => Plain(vault, name) is string s ? SecretText.ToSecureString(s) : null;
    public bool Exists(string name, string vault) => _secrets.ContainsKey((vault, name));

    public bool Set(string name, string vault, SecureString value, IDictionary<string, string>? metadata, bool noClobber)
    {
        if (FailWrite != null) throw FailWrite;
        if (noClobber && Exists(name, vault)) throw new VaultException($"Set-Secret failed: A secret with name {name} already exists in vault {vault}.");
        var keep = TakesMetadata ? metadata : null;
        _secrets[(vault, name)] = (SecretText.Reveal(value), keep);
        if (FailAfterWrite != null) throw FailAfterWrite;
        return keep != null;
    }

    public void SetText(string name, string vault, string value) => _secrets[(vault, name)] = (value, null);
    public string? GetText(string name, string vault) => Plain(vault, name);
    public void Remove(string name, string vault) => _secrets.Remove((vault, name));
    public IReadOnlyList<VaultInfo> Vaults() => Names.Select((n, i) => new VaultInfo(n, i == 0)).ToList();
    public IReadOnlyList<string> SecretNames(string vault) => _secrets.Keys.Where(k => k.Vault == vault).Select(k => k.Name).ToList();
}
