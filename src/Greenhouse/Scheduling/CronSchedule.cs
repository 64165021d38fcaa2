using Quartz;

namespace Greenhouse.Scheduling;

/// <summary>
/// A cron schedule in a time zone, read by Quartz's <see cref="CronExpression"/>. Standard five-field
/// expressions (<c>0 * * * *</c>, minute first) are accepted and given Quartz's leading seconds field.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    public static bool TryParse(string text, TimeZoneInfo timeZone, out CronSchedule? schedule, out string? problem)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var quartz = fields.Length == 5 ? ToQuartz(fields) : text;
        try
        {
            var expression = new CronExpression(quartz) { TimeZone = timeZone };
            schedule = new CronSchedule(text, expression);
            problem = null;
            return true;
        }
        catch (FormatException e)
        {
            schedule = null;
            problem = e.Message;
            return false;
        }
    }

    public static CronSchedule Parse(string text, TimeZoneInfo timeZone) =>
        TryParse(text, timeZone, out var schedule, out var problem) ? schedule! : throw new FormatException($"'{text}': {problem}");

    /// <summary>The first fire time strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextValidTimeAfter(after);

    /// <summary>The latest fire time at or before <paramref name="now"/>, looking back at most two periods.</summary>
    public DateTimeOffset? Previous(DateTimeOffset now)
    {
        var period = Period(now);
        DateTimeOffset? last = null;
        for (var t = Next(now - period - period); t is { } fire && fire <= now; t = Next(fire))
        {
            last = fire;
        }

        return last;
    }

    /// <summary>The time between two consecutive fire times around <paramref name="now"/>.</summary>
    public TimeSpan Period(DateTimeOffset now)
    {
        var first = Next(now) ?? now;
        var second = Next(first) ?? first.AddDays(1);
        return second - first;
    }

    /// <summary>Standard cron has no seconds and uses '*' for both day fields; Quartz needs seconds and one '?'.</summary>
    private static string ToQuartz(string[] fields)
    {
        var (minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (dayOfWeek == "*")
        {
            dayOfWeek = "?";
        }
        else if (dayOfMonth == "*")
        {
            dayOfMonth = "?";
        }

        // Standard cron numbers weekdays 0-6 from Sunday; Quartz 1-7 from Sunday.
        dayOfWeek = string.Join(',', dayOfWeek.Split(',').Select(part => int.TryParse(part, out var day) && day is >= 0 and <= 7 ? (day % 7 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : part));
        return $"0 {minute} {hour} {dayOfMonth} {month} {dayOfWeek}";
    }
}
