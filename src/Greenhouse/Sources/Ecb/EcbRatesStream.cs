using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.Ecb;

/// <summary>
/// <c>ecb.rates</c>: one record per (day, currency), keyed <c>2025-01-03:USD</c>. A full refresh (and the first run) reads
/// <c>eurofxref-hist.xml</c>; an incremental run reads <c>eurofxref-hist-90d.xml</c> when that file reaches back to the cursor's
/// newest day, else the full file. Every day of the file is offered; the engine rewrites only rows whose JSON changed.
/// The whole file is checked before the first page, so a malformed file commits nothing. A rate the cursor remembers
/// (the newest <see cref="EcbCursor.RecentDays"/> days) that comes back with another value lands, and counts a warning.
/// With <c>history_csv</c>, a full refresh takes the days older than the 90-day file from that CSV instead of the XML history.
/// </summary>
internal sealed class EcbRatesStream(string source, EcbFeed feed, string? historyCsv = null) : ISourceStream
{
    /// <summary>Publication days per committed page (about 3,000 records).</summary>
    public const int DaysPerPage = 100;

    public static readonly StreamSpec Spec = new("rates", "id",
    [
        new("date", ColumnType.Text) { Description = "the publication day (YYYY-MM-DD)" },
        new("currency", ColumnType.Text) { Description = "the quoted currency (ISO 4217 code, e.g. USD)" },
        new("rate", ColumnType.Decimal) { Description = "units of the currency one euro buys that day" },
    ],
    Cursor: "date",
    "ECB euro foreign exchange reference rates: one row per publication day and currency");

    public StreamDescriptor Descriptor { get; } = new(source, Spec);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = Descriptor.FullName;
        var cursor = EcbCursor.From(context.Cursor);
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var useCsv = historyCsv is not null && context.Mode == SyncMode.FullRefresh;
        var file = useCsv || (context.Mode == SyncMode.Incremental && cursor.Newest is { } last && today.DayNumber - last.DayNumber < 85)
            ? EcbFeed.Last90DaysFile
            : EcbFeed.HistoryFile;
        var xml = await feed.DownloadAsync(stream, file, cancellationToken);
        var (oldest, newest) = Check(stream, EcbFeed.ReadDays(stream, file, xml), file);
        var csvMeets = false;
        if (useCsv)
        {
            // The CSV history is checked whole too; it must reach into the 90-day window to leave no gap.
            var (_, csvNewest) = Check(stream, EcbCsvHistory.ReadDays(stream, historyCsv!), $"history_csv '{historyCsv}'");
            csvMeets = csvNewest >= oldest;
        }

        if (file == EcbFeed.Last90DaysFile && (useCsv ? !csvMeets : oldest > cursor.Newest))
        {
            // A gap between what is landed (or the CSV) and the 90-day window: only the full history closes it.
            file = EcbFeed.HistoryFile;
            xml = await feed.DownloadAsync(stream, file, cancellationToken);
            (oldest, newest) = Check(stream, EcbFeed.ReadDays(stream, file, xml), file);
        }

        var windowStart = oldest;
        var source = EcbFeed.ReadDays(stream, file, xml);
        if (useCsv && csvMeets)
        {
            source = source.Concat(EcbCsvHistory.ReadDays(stream, historyCsv!).Where(d => d.Date < windowStart));
        }

        var before = (string?)context.Resume?["before"] is { } b ? EcbCursor.ParseDate(b) : null;
        var resumedNewest = (string?)context.Resume?["newest"] is { } n ? EcbCursor.ParseDate(n) : null;
        var recent = new SortedDictionary<DateOnly, IReadOnlyDictionary<string, string>>();
        var records = new List<SourceRecord>();
        var warnings = new List<string>();
        var days = 0;
        foreach (var day in source)
        {
            cancellationToken.ThrowIfCancellationRequested();
            recent[day.Date] = day.Rates.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
            if (recent.Count > EcbCursor.RecentDays)
            {
                recent.Remove(recent.Keys.First());
            }

            if (before is { } stop && day.Date >= stop && (resumedNewest is null || day.Date <= resumedNewest))
            {
                continue; // committed by the interrupted run this one resumes
            }

            Compare(stream, cursor, day, warnings);
            foreach (var (currency, rate) in day.Rates)
            {
                records.Add(new SourceRecord(Record(day.Date, currency, rate), context.Now));
            }

            if (++days % DaysPerPage == 0)
            {
                yield return new Page(records, new JsonObject { ["before"] = EcbCursor.Text(day.Date), ["newest"] = EcbCursor.Text(newest) }, Warnings: warnings);
                records = [];
                warnings = [];
            }
        }

        var next = new EcbCursor(cursor.Newest > newest ? cursor.Newest : newest, recent);
        yield return new Page(records, null, next.ToJson(), IsLast: true, Warnings: warnings);
    }

    /// <summary>Reads the whole file once before anything is committed; returns its oldest and newest day.</summary>
    private static (DateOnly Oldest, DateOnly Newest) Check(string stream, IEnumerable<EcbDay> days, string file)
    {
        DateOnly? oldest = null, newest = null;
        foreach (var day in days)
        {
            oldest = oldest is null || day.Date < oldest ? day.Date : oldest;
            newest = newest is null || day.Date > newest ? day.Date : newest;
        }

        return oldest is { } first && newest is { } latest
            ? (first, latest)
            : throw new SourceException(
                $"{stream}: {file} holds no <Cube time=…> days in the namespace {EcbFeed.Namespace}; it is not an ECB reference-rate file. " +
                "Nothing was committed; check the source's base_url.");
    }

    private static void Compare(string stream, EcbCursor cursor, EcbDay day, List<string> warnings)
    {
        if (!cursor.Recent.TryGetValue(day.Date, out var landed))
        {
            return;
        }

        foreach (var (currency, rate) in day.Rates)
        {
            if (landed.TryGetValue(currency, out var before)
                && decimal.Parse(before, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) != decimal.Parse(rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture))
            {
                warnings.Add($"{stream} {EcbCursor.Text(day.Date)}:{currency}: the ECB changed a published rate from {before} to {rate}; the new rate landed");
            }
        }
    }

    /// <summary>The record we land (the feed is XML, so this JSON is ours): <c>{"id":"2025-01-03:USD","date":"2025-01-03","currency":"USD","rate":"1.0321"}</c>.</summary>
    private static JsonElement Record(DateOnly date, string currency, string rate)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var day = EcbCursor.Text(date);
            writer.WriteStartObject();
            writer.WriteString("id", $"{day}:{currency}");
            writer.WriteString("date", day);
            writer.WriteString("currency", currency);
            writer.WriteString("rate", rate);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
