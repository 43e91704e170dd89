using System.Security;
using WandbAuth.Credentials;

namespace WandbAuth.UnitTests.Support;

/// <summary>An ICredentialEnvironment made of dictionaries, recording what the chain asked for.</summary>
internal sealed class FakeCredentialEnvironment : ICredentialEnvironment
{
    public static readonly string Home = Path.Combine(Path.GetTempPath(), "fake-home");
    public static readonly string Workspace = Path.Combine(Path.GetTempPath(), "fake-project");

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
    /// <summary>Secret name → (vault, key text).</summary>
    public Dictionary<string, (string Vault, string Key)> VaultSecrets { get; } = new(StringComparer.Ordinal);

    public List<string> VaultLookups { get; } = new();
    public List<string> FilesRead { get; } = new();
    public List<string> Prompts { get; } = new();

    public string HomeDirectory { get; set; } = Home;
    public string CurrentDirectory { get; set; } = Workspace;
    public string? VaultUnavailableReason { get; set; }
    public string? CannotPromptReason { get; set; }
    /// <summary>What the "user" types at the prompt; null makes a prompt fail the test.</summary>
    public string? PromptAnswer { get; set; }

    public static string SystemSettings => Path.Combine(Home, ".config", "wandb", "settings");
    public static string WorkspaceSettings => Path.Combine(Workspace, "wandb", "settings");
    public static string DotNetrc => Path.Combine(Home, ".netrc");
    public static string UnderscoreNetrc => Path.Combine(Home, "_netrc");

    public string? GetVariable(string name) => Variables.TryGetValue(name, out var v) ? v : null;

    public string? ReadFile(string path)
    {
        FilesRead.Add(path);
        return Files.TryGetValue(path, out var text) ? text : null;
    }

    public VaultHit? FindVaultSecret(string secretName)
    {
        VaultLookups.Add(secretName);
        return VaultSecrets.TryGetValue(secretName, out var hit) ? new VaultHit(SecretText.ToSecureString(hit.Key), hit.Vault) : null;
    }

    public SecureString PromptForKey(string message)
    {
        Prompts.Add(message);
        if (PromptAnswer == null) throw new InvalidOperationException("The test did not expect a prompt.");
        return SecretText.ToSecureString(PromptAnswer);
    }
}
