using System.Management.Automation;
using System.Text;

namespace WandbAuth.Benchmarks.Scenarios;

/// <summary>
/// The floor for any binary cmdlet that makes this request: the raw HttpClient POST and nothing else, invoked through
/// the same runspace as Get-WandbApiKey. Imported from this assembly by the key-listing scenario only.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "BenchmarkRawPost")]
public sealed class InvokeBenchmarkRawPostCommand : PSCmdlet
{
    internal static HttpClient? Client;
    internal static Uri? Endpoint;
    internal static string Body = "";

    protected override void ProcessRecord()
    {
        using var content = new StringContent(Body, Encoding.UTF8, "application/json");
        using var response = Client!.PostAsync(Endpoint, content).GetAwaiter().GetResult();
        WriteObject(response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Length);
    }
}
