using SecretManagement.StandIn.Tests.Support;

namespace SecretManagement.StandIn.Tests;

/// <summary>
/// The module under test may touch vaults from several runspaces and threads at once; the stand-in must
/// stay consistent and its log complete.
/// </summary>
public sealed class ConcurrencyTests : StandInTest
{
    private const int Threads = 4;
    private const int WritesPerThread = 25;

    [Fact]
    public async Task Runspaces_on_several_threads_writing_at_once_lose_no_write_and_no_log_entry()
    {
        StandInVaults.Register("Main");

        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            using var shell = new HostedPowerShell();
            return shell.Run(
                "foreach ($i in 1..$count) { Set-Secret -Name \"t$thread-$i\" -Secret \"v$thread-$i\" }",
                ("count", WritesPerThread),
                ("thread", t));
        })).ToArray();
        var results = await Task.WhenAll(workers);

        Assert.All(results, r => Assert.Empty(r.Errors));
        Assert.Equal(Threads * WritesPerThread, StandInVaults.SecretNames("Main").Count);
        Assert.Equal("v3-25", StandInVaults.PeekPlainText("Main", "t3-25"));
        var log = StandInVaults.Operations;
        Assert.Equal(Threads * WritesPerThread, log.Count);
        Assert.Equal(log.Count, log.Select(o => o.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task A_hook_may_block_one_writer_while_another_thread_reads()
    {
        StandInVaults.Register("Main");
        StandInVaults.Seed("Main", "k", "before");
        using var writerInHook = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // Hooks run outside the stand-in's lock, so a test can hold one call mid-flight.
        StandInVaults.BeforeOperation = op =>
        {
            if (op.Kind == VaultOperationKind.Set)
            {
                writerInHook.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }

            return null;
        };

        var writer = Task.Run(() =>
        {
            using var shell = new HostedPowerShell();
            return shell.Run("Set-Secret -Name k -Secret 'after'");
        });
        Assert.True(writerInHook.Wait(TimeSpan.FromSeconds(30)));

        var duringWrite = Shell.Run("Get-Secret -Name k -AsPlainText").SingleOutput();
        release.Set();
        Assert.Empty((await writer).Errors);

        Assert.Equal("before", duringWrite);
        Assert.Equal("after", StandInVaults.PeekPlainText("Main", "k"));
    }
}
