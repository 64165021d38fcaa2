using System.Globalization;
using System.Text;

namespace Greenhouse.Sandbox.Ecb;

/// <summary>
/// The fake ECB's rates: every business day (Monday–Friday except 1 January, 1 May, 25 and 26 December) of the two years
/// up to the clock's today, for 30 currencies, each a smooth deterministic walk around a realistic level, formatted with the
/// currency's fixed decimals (so trailing zeros occur, as in the feed). Tests publish new days and correct old rates. Thread-safe.
/// </summary>
public sealed class EcbFakeData
{
    private static readonly (string Code, double Level, int Decimals)[] Table =
    [
        ("USD", 1.08, 4), ("JPY", 160.5, 2), ("BGN", 1.9558, 4), ("CZK", 25.1, 3), ("DKK", 7.4601, 4), ("GBP", 0.852, 5),
        ("HUF", 395.2, 2), ("PLN", 4.31, 4), ("RON", 4.97, 4), ("SEK", 11.32, 4), ("CHF", 0.945, 4), ("ISK", 149.3, 2),
        ("NOK", 11.6, 4), ("TRY", 36.2, 4), ("AUD", 1.64, 4), ("BRL", 6.05, 4), ("CAD", 1.48, 4), ("CNY", 7.75, 4),
        ("HKD", 8.43, 4), ("IDR", 17250.0, 2), ("ILS", 3.98, 4), ("INR", 90.2, 4), ("KRW", 1480.0, 2), ("MXN", 20.4, 4),
        ("MYR", 4.83, 4), ("NZD", 1.81, 4), ("PHP", 61.3, 3), ("SGD", 1.45, 4), ("THB", 37.4, 3), ("ZAR", 19.8, 4),
    ];

    private readonly Lock _lock = new();
    private readonly int _seed;
    private readonly List<DateOnly> _days = [];
    private readonly Dictionary<(DateOnly, string), string> _corrections = [];

    internal EcbFakeData(int seed, TimeProvider clock)
    {
        _seed = seed;
        var end = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var day = end.AddYears(-2); day <= end; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                _days.Add(day);
            }
        }
    }

    public static IReadOnlyList<string> Currencies { get; } = [.. Table.Select(t => t.Code)];

    /// <summary>Every published day, oldest first.</summary>
    public IReadOnlyList<DateOnly> Days
    {
        get
        {
            lock (_lock)
            {
                return [.. _days];
            }
        }
    }

    public DateOnly Newest
    {
        get
        {
            lock (_lock)
            {
                return _days[^1];
            }
        }
    }

    /// <summary>Publishes the next business day after the newest (as the ECB does around 16:00 CET) and returns it.</summary>
    public DateOnly PublishNextDay()
    {
        lock (_lock)
        {
            var day = _days[^1].AddDays(1);
            while (!IsBusinessDay(day))
            {
                day = day.AddDays(1);
            }

            _days.Add(day);
            return day;
        }
    }

    /// <summary>Changes an already published rate (the ECB's rare correction) to <paramref name="rate"/>, as published text.</summary>
    public void Correct(DateOnly day, string currency, string rate)
    {
        lock (_lock)
        {
            _corrections[(day, currency)] = rate;
        }
    }

    /// <summary>The rate of <paramref name="currency"/> per 1 EUR on <paramref name="day"/>, as the feed publishes it (e.g. "0.86720").</summary>
    public string Rate(DateOnly day, string currency)
    {
        lock (_lock)
        {
            if (_corrections.TryGetValue((day, currency), out var corrected))
            {
                return corrected;
            }
        }

        var index = Array.FindIndex(Table, t => t.Code == currency);
        var (_, level, decimals) = Table[index];
        var noise = (SandboxRandom.Mix(_seed * 31L + index, day.DayNumber) % 10_000) / 10_000.0 - 0.5;
        var value = level * (1 + 0.04 * Math.Sin((day.DayNumber + index * 17) / 29.0) + 0.004 * noise);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The newest day only (<c>eurofxref-daily.xml</c>).</summary>
    public byte[] DailyXml() => Xml(days => days.TakeLast(1));

    /// <summary>The days of the 90 calendar days up to the newest (<c>eurofxref-hist-90d.xml</c>).</summary>
    public byte[] Last90DaysXml() => Xml(days => days.Where(d => d.DayNumber > days[^1].DayNumber - 90));

    /// <summary>Every day (<c>eurofxref-hist.xml</c>).</summary>
    public byte[] HistoryXml() => Xml(days => days);

    /// <summary>Every day as ECB's CSV history (<c>eurofxref-hist.csv</c> inside <c>eurofxref-hist.zip</c>): <c>Date,USD,…,</c>, newest first.</summary>
    public string HistoryCsv()
    {
        var text = new StringBuilder(1 << 16).Append("Date,").AppendJoin(',', Currencies).Append(",\n");
        foreach (var day in Days.OrderDescending())
        {
            text.Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .AppendJoin(',', Currencies.Select(c => Rate(day, c))).Append(",\n");
        }

        return text.ToString();
    }

    /// <summary>The feed's layout: gesmes envelope, three levels of <c>Cube</c> in the eurofxref namespace, single quotes, newest first.</summary>
    private byte[] Xml(Func<IReadOnlyList<DateOnly>, IEnumerable<DateOnly>> select)
    {
        var text = new StringBuilder(1 << 16);
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">\n")
            .Append("\t<gesmes:subject>Reference rates</gesmes:subject>\n")
            .Append("\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n")
            .Append("\t<Cube>\n");
        foreach (var day in select(Days).OrderDescending())
        {
            text.Append("\t\t<Cube time='").Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("'>\n");
            foreach (var currency in Currencies)
            {
                text.Append("\t\t\t<Cube currency='").Append(currency).Append("' rate='").Append(Rate(day, currency)).Append("'/>\n");
            }

            text.Append("\t\t</Cube>\n");
        }

        text.Append("\t</Cube>\n</gesmes:Envelope>\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !(day.Month == 1 && day.Day == 1) && !(day.Month == 5 && day.Day == 1) && !(day.Month == 12 && day.Day is 25 or 26);
}
