using System.Management.Automation;
using WandbAuth.Emulator;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Compatibility;

/// <summary>
/// Answers that never end or never stop: Ctrl+C frees the console even when a reply's headers came and its body
/// stalls, and a runaway reply is refused at the reply limit instead of read into memory.
/// </summary>
public class TransportLimitTests : HostedTest
{
    /// <summary>Runs the script until the emulator has started stalling the operation's answer, then presses Ctrl+C.</summary>
    private void StopWhileStalled(string script, string operation)
    {
        Emulator.Faults.Enqueue(Fault.StallBody(), operation);
        using var ps = PowerShell.Create();
        ps.Runspace = Ps.Runspace;
        ps.AddScript(script);

        var running = ps.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => Emulator.Requests.ForOperation(operation).Count > 0, TimeSpan.FromSeconds(20)));
        ps.Stop();

        // Stopped by Ctrl+C, not ended by the 30-second per-attempt timeout: no timeout error was written.
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.DoesNotContain(ps.Streams.Error, e => e.FullyQualifiedErrorId.StartsWith("WandbTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Ctrl_C_frees_a_listing_whose_reply_stalls_mid_body()
    {
        ConnectAlice();
        StopWhileStalled("Get-WandbApiKey", "ListViewerKeys");
    }

    [Fact]
    public void Ctrl_C_frees_a_streamed_organization_listing_whose_reply_stalls_mid_body()
    {
        Emulator.State.AddUser("root", admin: true);
        Ps.SetVariable("RootKey", Secure(Emulator.State.IssueKey("root")));
        Assert.Empty(Ps.Run("Connect-Wandb -ApiKey $RootKey -BaseUrl $BaseUrl").AllErrors);
        StopWhileStalled("Get-WandbApiKey -All", "SearchUsers");
    }

    [Fact]
    public void A_50_MB_reply_is_refused_at_the_reply_limit()
    {
        ConnectAlice();
        Emulator.Faults.Enqueue(Fault.Oversized(50L * 1024 * 1024), "ListViewerKeys");

        var r = Ps.Run("Get-WandbApiKey");

        var error = r.SingleError();
        Assert.StartsWith("WandbReplyTooLarge", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("more than 16 MB", error.Exception.Message);
        Assert.Contains("the request for your API keys", error.Exception.Message);
    }

    [Fact]
    public void A_50_MB_streamed_listing_is_refused_at_the_reply_limit()
    {
        Emulator.State.AddUser("root", admin: true);
        Ps.SetVariable("RootKey", Secure(Emulator.State.IssueKey("root")));
        Assert.Empty(Ps.Run("Connect-Wandb -ApiKey $RootKey -BaseUrl $BaseUrl").AllErrors);
        Emulator.Faults.Enqueue(Fault.Oversized(50L * 1024 * 1024), "SearchUsers");

        var r = Ps.Run("Get-WandbApiKey -All");

        Assert.StartsWith("WandbReplyTooLarge", r.SingleError().FullyQualifiedErrorId);
    }
}
