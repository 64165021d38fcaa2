using System.Globalization;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Ecb;
using Greenhouse.Sources;
using Greenhouse.Sources.Ecb;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Ecb;

/// <summary>
/// Fake ECB files over HTTP on 127.0.0.1 → sync engine → a real SQLite file or PostgreSQL schema; the connector
/// contract on the rates, and what only the ECB's files do.
/// </summary>
public sealed class EcbSyncTests : ConnectorContract
{
    protected override SandboxVendor Vendor => SandboxVendor.Ecb;

    protected override string Stream => "rates";

    protected override void ResetCounters(SourceHarness harness) => harness.Sandbox.Ecb.ResetCounters();

    /// <summary>A second sync reads only the 90-day file.</summary>
    protected override void AssertSecondSyncRequests(SourceHarness harness) => Assert.Equal(["/eurofxref-hist-90d.xml"], harness.Sandbox.Ecb.RequestLog);

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The rate string of a landed raw payload (PostgreSQL's jsonb respaces the text, never the string).</summary>
    private static string? RawRate(object? raw)
    {
        using var document = System.Text.Json.JsonDocument.Parse((string)raw!);
        return document.RootElement.GetProperty("rate").GetString();
    }

    private static async Task<int> LiveCountAsync(SourceHarness harness) => (await harness.LiveIdsAsync("rates")).Count;

    private static async Task<string?> StateJsonAsync(SourceHarness harness) => (await harness.StateAsync("rates"))?.ToJsonString();

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task First_sync_lands_every_rate_of_every_published_day(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Ecb, kind);
        var data = harness.Sandbox.Ecb.Data;

        var summary = await harness.SyncAsync();

        var rates = Assert.Single(summary.Streams);
        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(SyncMode.FullRefresh, rates.Mode);
        Assert.Equal(0, rates.Warnings);
        Assert.Equal(data.Days.Count * EcbFakeData.Currencies.Count, await LiveCountAsync(harness));
        Assert.Equal(1, harness.Sandbox.Ecb.RequestCount("/eurofxref-hist.xml"));

        // A rate published with a trailing zero keeps it in the raw JSON, and the typed column holds the exact value.
        var (day, currency) = data.Days.SelectMany(d => EcbFakeData.Currencies.Select(c => (d, c))).First(x => data.Rate(x.d, x.c).EndsWith('0'));
        var published = data.Rate(day, currency);
        var key = $"{day:yyyy-MM-dd}:{currency}";
        var row = (await harness.QueryAsync($"SELECT date, currency, rate, _gh_raw FROM {harness.Table("rates")} WHERE id = '{key}'")).Rows.Single();
        Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row[0]);
        Assert.Equal(currency, row[1]);
        Assert.Equal(Dec(published), Convert.ToDecimal(row[2] is string s ? Dec(s) : row[2], CultureInfo.InvariantCulture));
        Assert.Equal(published, RawRate(row[3]));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_newly_published_day_lands_incrementally(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Ecb, kind);
        await harness.SyncAsync();
        var day = harness.Sandbox.Ecb.Data.PublishNextDay();
        harness.Sandbox.Ecb.ResetCounters();

        var run = Assert.Single((await harness.SyncAsync()).Streams);

        Assert.Equal(SyncMode.Incremental, run.Mode);
        Assert.Equal(EcbFakeData.Currencies.Count, run.Counts.New);
        Assert.Equal(0, run.Counts.Updated);
        Assert.Equal(["/eurofxref-hist-90d.xml"], harness.Sandbox.Ecb.RequestLog);
        Assert.Contains($"\"newest\":\"{day:yyyy-MM-dd}\"", await StateJsonAsync(harness), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_corrected_historical_rate_lands_and_counts_a_warning(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Ecb, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Ecb.Data;
        var day = data.Days[^3];
        var corrected = (Dec(data.Rate(day, "USD")) + 0.0100m).ToString(CultureInfo.InvariantCulture);
        data.Correct(day, "USD", corrected);

        var run = Assert.Single((await harness.SyncAsync()).Streams);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.Warnings);
        Assert.Equal(1, run.Counts.Updated);
        Assert.Equal(0, run.Counts.New);
        var raw = (await harness.QueryAsync($"SELECT _gh_raw FROM {harness.Table("rates")} WHERE id = '{day:yyyy-MM-dd}:USD'")).Rows.Single()[0];
        Assert.Equal(corrected, RawRate(raw));

        // The cursor now remembers the corrected value: the next run is quiet.
        var third = Assert.Single((await harness.SyncAsync()).Streams);
        Assert.Equal(0, third.Warnings);
        Assert.Equal(0, third.Counts.Updated);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_malformed_file_fails_without_committing_or_moving_the_cursor(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Ecb, kind);
        var fake = harness.Sandbox.Ecb;
        fake.Faults.Add(new FaultRule("/eurofxref-hist.xml", FaultKind.MalformedJson));

        var first = Assert.Single((await harness.SyncAsync()).Streams);

        Assert.Equal(RunStatus.Failed, first.Status);
        Assert.Contains("not well-formed XML", first.Error, StringComparison.Ordinal);
        Assert.Equal(0, await LiveCountAsync(harness));
        Assert.Null(await StateJsonAsync(harness));

        await harness.SyncAsync();
        var count = await LiveCountAsync(harness);
        var cursor = await StateJsonAsync(harness);
        fake.Data.PublishNextDay();
        fake.Faults.Add(new FaultRule("/eurofxref-hist-90d.xml", FaultKind.MalformedJson));

        var incremental = Assert.Single((await harness.SyncAsync()).Streams);

        Assert.Equal(RunStatus.Failed, incremental.Status);
        Assert.Equal(count, await LiveCountAsync(harness));
        Assert.Equal(cursor, await StateJsonAsync(harness));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Cross_rates_carry_Fridays_rate_over_the_weekend_and_divide_exactly(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Ecb, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Ecb.Data;
        var friday = data.Days.Take(data.Days.Count - 5).Last(d => d.DayOfWeek == DayOfWeek.Friday);
        var saturday = friday.AddDays(1);
        await using var warehouse = harness.Warehouse.Open();

        Assert.Equal(Dec(data.Rate(friday, "USD")), await FxRates.GetAsync(warehouse, "EUR", "USD", saturday));
        Assert.Equal(Dec(data.Rate(friday, "USD")), await FxRates.GetAsync(warehouse, "EUR", "USD", friday.AddDays(2)));
        Assert.Equal(1m / Dec(data.Rate(friday, "JPY")), await FxRates.GetAsync(warehouse, "JPY", "EUR", saturday));
        Assert.Equal(1m, await FxRates.GetAsync(warehouse, "EUR", "EUR", saturday));

        var usd = Dec(data.Rate(friday, "USD"));
        var gbp = Dec(data.Rate(friday, "GBP"));
        Assert.Equal(usd / gbp, await FxRates.GetAsync(warehouse, "GBP", "USD", saturday));
        Assert.Null(await FxRates.GetAsync(warehouse, "GBP", "USD", data.Days[0].AddDays(-1)));

        // The documented SQL alone, in either dialect: the rates' dates show the carry-over, cross_rate the division.
        var row = (await warehouse.QueryAsync(FxRates.CrossRateSql(warehouse, "GBP", "USD", saturday))).Rows.Single();
        Assert.Equal(friday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row[1]);
        Assert.Equal(friday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row[3]);
        Assert.Equal((double)(usd / gbp), Convert.ToDouble(row[4], CultureInfo.InvariantCulture), 9);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_full_refresh_with_history_csv_takes_old_days_from_the_zip_and_recent_ones_from_the_90_day_file(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Ecb, kind);
        var data = harness.Sandbox.Ecb.Data;
        var zip = Path.Combine(harness.Directory, "eurofxref-hist.zip");
        var cutoff = data.Days[^40];
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            // A CSV that stops 40 business days ago (still inside the 90-day window); one rate missing, as N/A.
            var lines = data.HistoryCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where((line, i) => i == 0 || string.CompareOrdinal(line[..10], cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) <= 0)
                .ToList();
            lines[^1] = lines[^1].Replace($",{data.Rate(data.Days[0], "USD")},", ",N/A,", StringComparison.Ordinal);
            using var writer = new StreamWriter(archive.CreateEntry("eurofxref-hist.csv").Open());
            await writer.WriteAsync(string.Join('\n', lines) + "\n");
        }

        harness.WriteConfig($"history_csv: {zip}");

        var run = Assert.Single((await harness.SyncAsync()).Streams);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(["/eurofxref-hist-90d.xml"], harness.Sandbox.Ecb.RequestLog);
        Assert.Equal(data.Days.Count * EcbFakeData.Currencies.Count - 1, await LiveCountAsync(harness));
        Assert.Empty((await harness.QueryAsync($"SELECT id FROM {harness.Table("rates")} WHERE id = '{data.Days[0]:yyyy-MM-dd}:USD'")).Rows);
    }
}
