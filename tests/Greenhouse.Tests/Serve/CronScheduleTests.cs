using Greenhouse.Scheduling;

namespace Greenhouse.Tests.Serve;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 14, 10, 30, 0, TimeSpan.Zero); // a Wednesday

    [Fact]
    public void Hourly_fires_on_the_hour_and_knows_its_previous_slot_and_period()
    {
        var hourly = CronSchedule.Parse("0 * * * *", TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 1, 14, 11, 0, 0, TimeSpan.Zero), hourly.Next(Now));
        Assert.Equal(new DateTimeOffset(2026, 1, 14, 10, 0, 0, TimeSpan.Zero), hourly.Previous(Now));
        Assert.Equal(TimeSpan.FromHours(1), hourly.Period(Now));
    }

    [Fact]
    public void A_time_zone_shifts_the_fire_times()
    {
        var nineInBerlin = CronSchedule.Parse("0 9 * * *", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero), nineInBerlin.Next(Now));
    }

    [Fact]
    public void Standard_weekday_numbers_start_on_sunday_at_zero()
    {
        var mondays = CronSchedule.Parse("0 9 * * 1", TimeZoneInfo.Utc);
        var sundays = CronSchedule.Parse("0 9 * * 0", TimeZoneInfo.Utc);

        Assert.Equal(DayOfWeek.Monday, mondays.Next(Now)!.Value.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, sundays.Next(Now)!.Value.DayOfWeek);
    }

    [Theory]
    [InlineData("every hour")]
    [InlineData("61 * * * *")]
    public void Nonsense_is_refused_with_a_reason(string text)
    {
        Assert.False(CronSchedule.TryParse(text, TimeZoneInfo.Utc, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
