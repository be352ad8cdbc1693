namespace LerarenFunctions.Benchmarks.Timers;

/// <summary>A clock that stays at one instant: a timer's window that must not move while a measurement runs.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
