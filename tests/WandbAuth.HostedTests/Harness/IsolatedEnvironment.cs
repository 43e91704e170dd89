namespace WandbAuth.HostedTests.Harness;

/// <summary>
/// Clears every variable the module reads and points HOME at an empty folder, so no test sees the machine's
/// own keys or another test's; restores all of it on dispose.
/// </summary>
public sealed class IsolatedEnvironment : IDisposable
{
    private static readonly string[] Variables =
    {
        "WANDB_API_KEY", "WANDB_BASE_URL", "WANDB_ENTITY", "WANDB_CONFIG_DIR", "NETRC", "TF_BUILD", "GITHUB_ACTIONS", "HOME",
        "WANDB_IDENTITY_TOKEN_FILE", "SYSTEM_OIDCREQUESTURI", "SYSTEM_ACCESSTOKEN", "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID",
    };

    private readonly Dictionary<string, string?> _saved = new();

    public IsolatedEnvironment()
    {
        foreach (var name in Variables) { _saved[name] = Environment.GetEnvironmentVariable(name); Environment.SetEnvironmentVariable(name, null); }
        Home = Directory.CreateTempSubdirectory("wandbauth-home-").FullName;
        Environment.SetEnvironmentVariable("HOME", Home);
    }

    public string Home { get; }

    public void Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>Writes a file under a fresh temporary folder and returns its path.</summary>
    public string WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(Home, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        try { Directory.Delete(Home, recursive: true); } catch (IOException) { }
    }
}
