using System.Globalization;
using System.Text;
using System.Text.Json;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Csv;

/// <summary>
/// Files as exporters write them, each a real file in the source's folder: a delimiter ending every line (the ECB's own
/// history file, Excel), lines of only spaces, 8-bit text behind a UTF-16 byte-order mark, UTF-16 without one, and a
/// file read with the wrong delimiter.
/// </summary>
public sealed class CsvExportQuirkTests
{
    /// <summary>The header of the ECB's eurofxref-hist.csv, as it publishes it: a comma after the last currency.</summary>
    private const string EcbHeader = "Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,";

    /// <summary>Currencies the ECB no longer quotes: N/A on every recent day.</summary>
    private static readonly string[] Discontinued = ["CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "HRK", "RUB", "TRL"];

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static async Task<SourceHarness> StartAsync(string kind, string defaults = "primary_key: id")
    {
        var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        harness.WriteConfig(defaults: defaults);
        return harness;
    }

    /// <summary>Rows shaped like the ECB's history: newest first, every line ending in a comma, N/A where a currency had no rate.</summary>
    private static string[] EcbHistory(int days)
    {
        var currencies = EcbHeader.Split(',')[1..^1];
        var lines = new List<string> { EcbHeader };
        var day = new DateOnly(2024, 6, 14);
        for (var i = 0; i < days; i++, day = day.AddDays(day.DayOfWeek == DayOfWeek.Monday ? -3 : -1))
        {
            var rates = currencies.Select((c, n) => Discontinued.Contains(c) ? "N/A" : (1.0 + n * 0.37 + i * 0.0011).ToString("0.####", CultureInfo.InvariantCulture));
            lines.Add($"{day:yyyy-MM-dd},{string.Join(',', rates)},");
        }

        // The first days of the euro: no ISK or RON yet.
        lines.Add(EcbHeader.Split(',')[1..^1] is var all ? $"1999-01-04,{string.Join(',', all.Select(c => c is "ISK" or "RON" or "BGN" ? "N/A" : "1.1789"))}," : "");
        return [.. lines];
    }

    private static async Task<JsonElement> RawAsync(SourceHarness harness, string stream, string id)
    {
        var raw = (string)(await harness.QueryAsync($"SELECT _gh_raw FROM {harness.Table(stream)} WHERE id = '{id}'")).Rows.Single()[0]!;
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_ecb_history_file_with_a_comma_ending_every_line_lands_every_day_and_currency(string kind)
    {
        await using var harness = await StartAsync(kind, "primary_key: Date");
        harness.WriteFile("eurofxref-hist.csv", EcbHistory(60));

        var summary = await harness.SyncAsync();

        var result = Assert.Single(summary.Streams);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(61, result.Records);
        Assert.Equal(0, result.Warnings);
        var raw = await RawAsync(harness, "eurofxref_hist", "2024-06-14");
        Assert.Equal(EcbHeader.Split(',')[..^1].Order(StringComparer.Ordinal), raw.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("1", raw.GetProperty("USD").GetString());
        Assert.Equal("N/A", raw.GetProperty("CYP").GetString());
        var row = (await harness.QueryAsync($"SELECT usd, zar, cyp, isk FROM {harness.Table("eurofxref_hist")} WHERE id = '1999-01-04'")).Rows.Single();
        Assert.Equal(1.1789m, Convert.ToDecimal(row[0], CultureInfo.InvariantCulture));
        Assert.Equal(1.1789m, Convert.ToDecimal(row[1], CultureInfo.InvariantCulture));
        // A currency with N/A on most days is a text column: the raw strings as the ECB wrote them.
        Assert.Equal("1.1789", row[2]);
        Assert.Equal("N/A", row[3]);

        var second = await harness.SyncAsync();
        Assert.Equal(61, second.Streams.Single().Counts.Unchanged);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Empty_fields_past_the_named_columns_are_accepted_and_change_nothing(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteFile("amounts.csv", "id,amount", "1,10,", "2,20", "3,30,,");

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(3, await harness.CountAsync("amounts"));
        Assert.Equal(["id", "amount"], (await RawAsync(harness, "amounts", "3")).EnumerateObject().Select(p => p.Name));

        harness.WriteFile("amounts.csv", "id,amount", "1,10", "2,20,", "3,30");
        Assert.Equal(3, (await harness.SyncAsync()).Streams.Single().Counts.Unchanged);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_value_in_the_nameless_last_column_on_a_later_page_fails_the_file_before_any_page_commits(string kind)
    {
        await using var harness = await StartAsync(kind);
        var lines = new List<string> { "id,amount," };
        lines.AddRange(Enumerable.Range(1, 1500).Select(i => $"{i},{i * 10},"));
        lines.Add("1501,5,oops");
        harness.WriteFile("amounts.csv", [.. lines]);

        var summary = await harness.SyncAsync();

        var result = Assert.Single(summary.Streams);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith("amounts.csv line 1502: field 3 holds 'oops', but its column has no name (line 1 ends with a delimiter)", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await harness.CountAsync("amounts"));
        Assert.Null(await harness.StateAsync("amounts"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Lines_of_only_spaces_between_and_after_records_are_skipped_and_counted_as_warnings(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteFile("people.csv", "id,name", "1,Ada", "   ", "2,Grace", "\t ", "3,Linus", "  ");
        var recorder = new WarningRecorder();

        var summary = await harness.SyncAsync(observer: recorder);

        var result = Assert.Single(summary.Streams);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["1", "2", "3"], (await harness.LiveIdsAsync("people")).Order(StringComparer.Ordinal));
        Assert.Equal(3, result.Warnings);
        Assert.Equal(
            ["files.people: people.csv line 3: only spaces; skipped the line.", "files.people: people.csv line 5: only spaces; skipped the line.", "files.people: people.csv line 7: only spaces; skipped the line."],
            recorder.Lines);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_file_with_only_a_header_and_blank_lines_lands_no_rows_and_does_not_fail(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteFile("people.csv", "id,name", "", "   ");

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(0, summary.Streams.Single().Records);
    }

    public static TheoryData<string, string, string> EightBitFiles => new()
    {
        // An even number of bytes reads as one line of other characters: a header and no row.
        { "sqlite", "id,name\n1,Zoë\n2,Ana\n3,Jürgen\n4,Li\n", "people.csv: no row after the header, though the file has more lines; read as UTF-16 (the file starts with a UTF-16 byte-order mark), line 1 is all of it." },
        { "postgresql", "id,name\n1,Zoë\n2,Ana\n3,Jürgen\n4,Li\n", "people.csv: no row after the header" },
        // An odd number leaves half a character: a header with no usable name.
        { "sqlite", "id,name\n1,Zoë\n2,Ana\n3,Jürgen\n", "people.csv line 1: no column name has a letter or digit without control characters" },
        { "postgresql", "id,name\n1,Zoë\n2,Ana\n3,Jürgen\n", "people.csv line 1: no column name has a letter or digit without control characters" },
    };

    [Theory]
    [MemberData(nameof(EightBitFiles))]
    public async Task Eight_bit_text_behind_a_utf16_byte_order_mark_fails_suggesting_encoding_and_lands_with_it(string kind, string text, string error)
    {
        await using var harness = await StartAsync(kind);
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Latin1.GetBytes(text)];
        harness.WriteBytes("people.csv", bytes);

        var failed = await harness.SyncAsync();

        var result = Assert.Single(failed.Streams);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Contains("read as UTF-16 (the file starts with a UTF-16 byte-order mark)", result.Error, StringComparison.Ordinal);
        Assert.Contains("set the source's encoding:", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await harness.CountAsync("people"));

        harness.WriteConfig(defaults: "primary_key: id\nencoding: latin1");
        var landed = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, landed.Status);
        Assert.Equal(["id", "name"], (await RawAsync(harness, "people", "1")).EnumerateObject().Select(p => p.Name));
        Assert.Equal("Jürgen", (await RawAsync(harness, "people", "3")).GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Utf16_without_a_byte_order_mark_has_no_usable_column_and_fails_suggesting_encoding(string kind)
    {
        await using var harness = await StartAsync(kind);
        harness.WriteBytes("people.csv", Encoding.Unicode.GetBytes("id,name\n1,Ada\n2,Grace\n"));

        var failed = await harness.SyncAsync();

        var result = Assert.Single(failed.Streams);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith("people.csv line 1: no column name has a letter or digit without control characters ('i\\u0000d\\u0000,", result.Error, StringComparison.Ordinal);
        Assert.Contains("read as UTF-8", result.Error, StringComparison.Ordinal);
        Assert.Contains("set the source's encoding:", result.Error, StringComparison.Ordinal);

        harness.WriteConfig(defaults: "primary_key: id\nencoding: utf-16");
        var landed = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, landed.Status);
        Assert.Equal(["1", "2"], (await harness.LiveIdsAsync("people")).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_file_read_with_the_wrong_delimiter_lands_as_one_column_and_warns_to_set_the_delimiter(string kind)
    {
        await using var harness = await StartAsync(kind, "delimiter: \";\"");
        harness.WriteFile("people.csv", "first_name,last_name,age", "Ada,Lovelace,36", "Grace,Hopper,85");
        var recorder = new WarningRecorder();

        var summary = await harness.SyncAsync(observer: recorder);

        var result = Assert.Single(summary.Streams);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(2, result.Records);
        Assert.Equal(1, result.Warnings);
        Assert.Equal(
            "files.people: people.csv line 1: the header is one column named 'first_name,last_name,age'; if the file is separated by ',', set the source's delimiter: ',' (it is ';').",
            Assert.Single(recorder.Lines));
    }
}
