using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Text;

namespace WandbAuth.HostedTests.Harness;

/// <summary>Everything one invocation produced, on every stream, for assertions and secret scans.</summary>
public sealed class PsResult
{
    public required Collection<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required IReadOnlyList<string> Verbose { get; init; }
    public required IReadOnlyList<string> Debug { get; init; }
    public required IReadOnlyList<string> Information { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }
    public required string HostText { get; init; }
    /// <summary>A terminating error that ended the pipeline, if any.</summary>
    public RuntimeException? Terminating { get; init; }

    public PSObject Single() => Assert.Single(Output);

    public ErrorRecord SingleError()
    {
        var all = Errors.Concat(Terminating?.ErrorRecord is { } r ? new[] { r } : Array.Empty<ErrorRecord>()).ToList();
        return Assert.Single(all);
    }

    public IEnumerable<ErrorRecord> AllErrors => Errors.Concat(Terminating?.ErrorRecord is { } r ? new[] { r } : Array.Empty<ErrorRecord>());

    /// <summary>All text a user or a log could ever see from this invocation, output objects included.</summary>
    public string AllText()
    {
        var sb = new StringBuilder();
        foreach (var o in Output) { sb.AppendLine(o?.ToString()); foreach (var p in o?.Properties ?? Enumerable.Empty<PSPropertyInfo>()) sb.AppendLine(SafeValue(p)); }
        foreach (var e in AllErrors) AppendError(sb, e);
        foreach (var s in Warnings.Concat(Verbose).Concat(Debug).Concat(Information)) sb.AppendLine(s);
        foreach (var p in Progress) sb.AppendLine($"{p.Activity} {p.StatusDescription} {p.CurrentOperation}");
        sb.AppendLine(HostText);
        return sb.ToString();
    }

    private static void AppendError(StringBuilder sb, ErrorRecord e)
    {
        sb.AppendLine(e.ToString()).AppendLine(e.FullyQualifiedErrorId).AppendLine(e.ErrorDetails?.Message).AppendLine(e.TargetObject?.ToString());
        for (Exception? x = e.Exception; x != null; x = x.InnerException) sb.AppendLine(x.Message).AppendLine(x.ToString());
    }

    private static string SafeValue(PSPropertyInfo p)
    {
        try { return $"{p.Name}={p.Value}"; } catch (Exception) { return p.Name; }
    }

    /// <summary>Fails when the secret, or any 12 characters of its second half, shows anywhere.</summary>
    public void AssertNoSecret(params string[] secrets) => AssertNoSecretIn(AllText(), secrets);

    /// <summary>Fails when the secret, or any 12 characters of its second half, shows in <paramref name="text"/>.</summary>
    public static void AssertNoSecretIn(string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text);
            // The first part of a key (its key ID) is meant to be shown; no window of its second half ever is.
            for (int i = secret.Length / 2; i + 12 <= secret.Length; i += 3)
                Assert.DoesNotContain(secret.Substring(i, 12), text);
        }
    }
}
