namespace Greenhouse.Tests;

public sealed class ManualClockTests
{
    [Fact]
    public async Task Delays_and_timers_complete_only_when_the_clock_passes_them()
    {
        var clock = new ManualClock();
        var start = clock.GetTimestamp();
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(delay.IsCompleted);
        Assert.Equal(4, ticks);

        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(5, ticks);
        Assert.Equal(TimeSpan.FromMinutes(5), clock.GetElapsedTime(start));
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 12, 5, 0, TimeSpan.Zero), clock.GetUtcNow());
    }
}
