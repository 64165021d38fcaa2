using System.Globalization;
using System.Text;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// A Python <c>datetime</c> as dbt's <c>run_started_at</c> and <c>modules.datetime</c> give it: its parts,
/// <c>strftime</c>, <c>isoformat</c>, <c>date()</c>, <c>timestamp()</c>; <c>{{ x }}</c> renders as Python's <c>str()</c>.
/// </summary>
internal sealed class TemplateDateTime(DateTimeOffset value, bool hasZone, bool dateOnly = false) : ITemplateObject
{
    public DateTimeOffset Value { get; } = value;

    public bool TryGetAttribute(string name, out object? result)
    {
        result = name switch
        {
            "year" => (long)Value.Year,
            "month" => (long)Value.Month,
            "day" => (long)Value.Day,
            "hour" => (long)Value.Hour,
            "minute" => (long)Value.Minute,
            "second" => (long)Value.Second,
            "microsecond" => Value.Ticks % TimeSpan.TicksPerSecond / 10,
            "strftime" => new TemplateFunction(a => Strftime(TemplateValues.ToText(a.Get(0, "format")))),
            "isoformat" => new TemplateFunction(a => IsoFormat(TemplateValues.ToText(a.Get(0, "sep", "T")))),
            "date" => new TemplateFunction(_ => new TemplateDateTime(new DateTimeOffset(Value.Date, TimeSpan.Zero), false, true)),
            "timestamp" => new TemplateFunction(_ => Value.ToUnixTimeMilliseconds() / 1000.0),
            "weekday" => new TemplateFunction(_ => (long)(((int)Value.DayOfWeek + 6) % 7)),
            "astimezone" => new TemplateFunction(_ => this),
            "replace" => new TemplateFunction(Replace),
            _ => null,
        };
        return result is not null;
    }

    private TemplateDateTime Replace(TemplateArguments arguments)
    {
        int Part(string key, int current) => arguments.Keyword.TryGetValue(key, out var v) ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : current;
        var v = Value;
        var micro = (int)(v.Ticks % TimeSpan.TicksPerSecond / 10);
        var replaced = new DateTimeOffset(Part("year", v.Year), Part("month", v.Month), Part("day", v.Day), Part("hour", v.Hour), Part("minute", v.Minute),
            Part("second", v.Second), v.Offset).AddTicks(Part("microsecond", micro) * 10L);
        return new TemplateDateTime(replaced, hasZone, dateOnly);
    }

    private string IsoFormat(string separator)
    {
        if (dateOnly)
        {
            return Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var text = Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + separator + Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var micro = Value.Ticks % TimeSpan.TicksPerSecond / 10;
        if (micro != 0)
        {
            text += "." + micro.ToString("D6", CultureInfo.InvariantCulture);
        }

        return hasZone ? text + Value.ToString("zzz", CultureInfo.InvariantCulture) : text;
    }

    /// <summary>Python's strftime directives that dbt projects use; an unknown one is kept as written, as C's strftime does on glibc.</summary>
    private string Strftime(string format)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var d = format[++i];
            builder.Append(d switch
            {
                'Y' => Value.Year.ToString("D4", CultureInfo.InvariantCulture),
                'y' => (Value.Year % 100).ToString("D2", CultureInfo.InvariantCulture),
                'm' => Value.Month.ToString("D2", CultureInfo.InvariantCulture),
                'd' => Value.Day.ToString("D2", CultureInfo.InvariantCulture),
                'H' => Value.Hour.ToString("D2", CultureInfo.InvariantCulture),
                'M' => Value.Minute.ToString("D2", CultureInfo.InvariantCulture),
                'S' => Value.Second.ToString("D2", CultureInfo.InvariantCulture),
                'f' => (Value.Ticks % TimeSpan.TicksPerSecond / 10).ToString("D6", CultureInfo.InvariantCulture),
                'j' => Value.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
                'a' => Value.ToString("ddd", CultureInfo.InvariantCulture),
                'A' => Value.ToString("dddd", CultureInfo.InvariantCulture),
                'b' => Value.ToString("MMM", CultureInfo.InvariantCulture),
                'B' => Value.ToString("MMMM", CultureInfo.InvariantCulture),
                'z' => hasZone ? Value.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal) : "",
                'Z' => hasZone ? "UTC" : "",
                's' => Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                '%' => "%",
                _ => "%" + d,
            });
        }

        return builder.ToString();
    }

    public override string ToString() => IsoFormat(" ");
}
