namespace WandbAuth.Benchmarks;

internal static class Repo
{
    public static string Root { get; } = Find();
    public static string Manifest => Path.Combine(Root, "out", "WandbAuth", "WandbAuth.psd1");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WandbAuth.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmarks from inside the WandbAuth repository.");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
