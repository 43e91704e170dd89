using WandbAuth.Emulator;

namespace WandbAuth.UnitTests.Support;

/// <summary>Pauses between attempts that move a hand-moved clock on instead of sleeping, so deadlines are tested without waiting.</summary>
internal static class ClockWaits
{
    public static Func<TimeSpan, CancellationToken, Task> Waiting(this ManualClock clock, List<TimeSpan>? log = null) => (wait, ct) =>
    {
        ct.ThrowIfCancellationRequested();
        if (log != null) lock (log) log.Add(wait);
        clock.Advance(wait);
        return Task.CompletedTask;
    };
}
