using System.Text.Json.Nodes;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sources.Ecb;
using Greenhouse.Sources.Http;

namespace Greenhouse.Tests.Ecb;

/// <summary>The rates stream on its own against the fake: file choice, pages and resuming.</summary>
public sealed class EcbRatesStreamTests
{
    private static async Task<List<Page>> ReadAsync(SandboxServer sandbox, SyncMode mode, JsonNode? cursor = null, JsonNode? resume = null)
    {
        using var http = new VendorHttpClient("ecb", sandbox.VendorUrls["ecb"], null, 0, TimeSpan.FromMilliseconds(10));
        var stream = new EcbRatesStream("ecb", new EcbFeed(http));
        var now = DateTimeOffset.UtcNow;
        var pages = new List<Page>();
        await foreach (var page in stream.ReadAsync(new StreamReadContext(mode, cursor, resume, now, TimeSpan.Zero, null, now)))
        {
            pages.Add(page);
        }

        return pages;
    }

    private static IEnumerable<string> Dates(IEnumerable<Page> pages) =>
        pages.SelectMany(p => p.Records).Select(r => r.Payload.GetProperty("date").GetString()!).Distinct();

    [Fact]
    public async Task A_full_refresh_pages_every_hundred_days_and_a_resume_skips_what_was_committed()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var data = sandbox.Ecb.Data;

        var pages = await ReadAsync(sandbox, SyncMode.FullRefresh);

        Assert.Equal(data.Days.Count / EcbRatesStream.DaysPerPage + 1, pages.Count);
        Assert.True(pages[^1].IsLast);
        Assert.Equal(data.Days.Count, Dates(pages).Count());
        var resume = pages[1].Resume!;
        var committed = Dates(pages.Take(2)).ToHashSet();

        var resumed = await ReadAsync(sandbox, SyncMode.FullRefresh, resume: resume);

        Assert.Equal(data.Days.Count - committed.Count, Dates(resumed).Count());
        Assert.DoesNotContain(Dates(resumed), committed.Contains);
        Assert.Equal(pages[^1].Cursor!.ToJsonString(), resumed[^1].Cursor!.ToJsonString());
    }

    [Fact]
    public async Task An_incremental_run_reads_the_full_history_when_the_cursor_is_older_than_the_90_day_file()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var data = sandbox.Ecb.Data;
        var old = data.Days[^70];

        var pages = await ReadAsync(sandbox, SyncMode.Incremental, new JsonObject { ["newest"] = $"{old:yyyy-MM-dd}" });

        Assert.Equal(["/eurofxref-hist.xml"], sandbox.Ecb.RequestLog);
        Assert.Equal(data.Days.Count, Dates(pages).Count());
        Assert.Equal($"{data.Newest:yyyy-MM-dd}", (string?)pages[^1].Cursor!["newest"]);
        Assert.Equal(EcbCursor.RecentDays, pages[^1].Cursor!["recent"]!.AsObject().Count);
    }
}
