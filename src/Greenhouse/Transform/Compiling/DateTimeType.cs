using System.Globalization;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// <c>modules.datetime.datetime</c> and <c>modules.datetime.date</c>: called (<c>datetime(2024, 1, 31)</c>) they make a
/// value; <c>datetime.now()</c>, <c>datetime.utcnow()</c> and <c>date.today()</c> read the clock.
/// </summary>
internal sealed class DateTimeType(bool dateOnly) : ITemplateCallable, ITemplateObject
{
    public object? Call(TemplateArguments arguments)
    {
        int Part(int position, string name, int fallback) =>
            arguments.Has(position, name) ? Convert.ToInt32(arguments.Get(position, name), CultureInfo.InvariantCulture) : fallback;

        try
        {
            var value = new DateTimeOffset(Part(0, "year", 1), Part(1, "month", 1), Part(2, "day", 1),
                dateOnly ? 0 : Part(3, "hour", 0), dateOnly ? 0 : Part(4, "minute", 0), dateOnly ? 0 : Part(5, "second", 0), TimeSpan.Zero);
            return new TemplateDateTime(value, hasZone: false, dateOnly);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new TemplateException("the date's year, month or day is out of range");
        }
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = (name, dateOnly) switch
        {
            ("now", false) => new TemplateFunction(_ => new TemplateDateTime(DateTimeOffset.Now, hasZone: false)),
            ("utcnow", false) => new TemplateFunction(_ => new TemplateDateTime(DateTimeOffset.UtcNow, hasZone: false)),
            ("today", true) => new TemplateFunction(_ => new TemplateDateTime(new DateTimeOffset(DateTime.Today, TimeSpan.Zero), false, dateOnly: true)),
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => dateOnly ? "<class 'datetime.date'>" : "<class 'datetime.datetime'>";
}
