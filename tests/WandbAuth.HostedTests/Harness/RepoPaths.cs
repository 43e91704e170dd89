namespace WandbAuth.HostedTests.Harness;

/// <summary>Where the built module is: out/WandbAuth under the repository root.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleManifest => Path.Combine(Root, "out", "WandbAuth", "WandbAuth.psd1");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WandbAuth.sln"))) return dir.FullName;
        throw new InvalidOperationException("WandbAuth.sln not found above " + AppContext.BaseDirectory);
    }
}
