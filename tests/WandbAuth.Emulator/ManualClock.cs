namespace WandbAuth.Emulator;

/// <summary>
/// A clock tests move by hand, for the emulator (<see cref="EmulatorOptions.Clock"/>) and for WandbAuth's own clock alike,
/// so expiry and renewal are tested without waiting.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Now
    {
        get { lock (_gate) return _now; }
        set { lock (_gate) _now = value; }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
