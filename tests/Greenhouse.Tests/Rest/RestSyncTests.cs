using System.Globalization;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Rest;

/// <summary>
/// Sentry issues and Buttondown subscribers described purely in YAML (<c>type: rest</c>), synced from the sandbox fakes
/// over real HTTP into SQLite and PostgreSQL, land exactly what the built-in connectors land from the same data.
/// </summary>
public sealed class RestSyncTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static StreamRunResult Stream(RunSummary summary, string name) => summary.Streams.Single(s => s.Stream == name);

    private static async Task<List<string>> RowsAsync(SourceHarness harness, string source, string stream, string columns)
    {
        var table = harness.Table(source, stream);
        var result = await harness.QueryAsync($"SELECT id, {columns} FROM {table} WHERE _gh_deleted_at IS NULL ORDER BY id");
        return [.. result.Rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Declarative_sentry_issues_land_the_same_rows_as_the_sentry_connector(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(RestSources.WithBuiltIns, kind);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(0, Stream(summary, "errors.issues").Warnings);
        var data = harness.Sandbox.Sentry.Data;
        Assert.True(data.IssueCount > 100, "the fake should need more than one page of issues");
        const string columns = "short_id, status, count, last_seen, project_slug";
        var builtIn = await RowsAsync(harness, "sentry", "issues", columns);
        var declarative = await RowsAsync(harness, "errors", "issues", columns);
        Assert.Equal(data.IssueIds().Order(StringComparer.Ordinal), declarative.Select(r => r.Split('|')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(builtIn, declarative);
        Assert.True(Stream(summary, "errors.issues").Pages > 1, "link-header paging should have followed more than one page");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Declarative_buttondown_subscribers_land_the_same_rows_as_the_buttondown_connector(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(RestSources.WithBuiltIns, kind);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        const string columns = "email, type, creation_date";
        var builtIn = await RowsAsync(harness, "buttondown", "subscribers", columns);
        var declarative = await RowsAsync(harness, "newsletter", "subscribers", columns);
        Assert.Equal(harness.Sandbox.Buttondown.Data.SubscriberIds().Order(StringComparer.Ordinal), declarative.Select(r => r.Split('|')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(builtIn, declarative);
        Assert.True(harness.Sandbox.Buttondown.Data.SubscriberCount > harness.Sandbox.Buttondown.PageSize, "the fake should need more than one page");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Second_sync_sends_the_cursor_minus_lookback_and_catches_an_issue_with_new_events(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(RestSources.WithBuiltIns, kind);
        await harness.SyncAsync(new SyncRequest(Trigger: "test", Sources: ["errors"]));
        var data = harness.Sandbox.Sentry.Data;
        var issue = data.IssueIds()[^1];
        data.Resolve(issue);
        data.RecordEvent(issue);

        var second = await harness.SyncAsync(new SyncRequest(Trigger: "test", Sources: ["errors"]));

        Assert.Equal(RunStatus.Succeeded, second.Status);
        var run = Stream(second, "errors.issues");
        Assert.Equal(SyncMode.Incremental, run.Mode);
        Assert.True(run.Counts.Updated >= 1);
        var table = harness.Table("errors", "issues");
        var row = (await harness.QueryAsync($"SELECT status FROM {table} WHERE id = '{issue}'")).Rows.Single();
        Assert.Equal((string?)data.Issue(issue)["status"], row[0]);
        var last = harness.Sandbox.Sentry.RequestLog[^1];
        Assert.Contains("start=", last, StringComparison.Ordinal);
        Assert.Contains("end=", last, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_repeated_next_url_fails_the_stream_instead_of_looping(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(RestSources.WithBuiltIns, kind);
        harness.Sandbox.Buttondown.StuckNext = true;

        var summary = await harness.SyncAsync(new SyncRequest(Trigger: "test", Sources: ["newsletter"]));

        Assert.Equal(RunStatus.Failed, summary.Status);
        var error = Stream(summary, "newsletter.subscribers").Error;
        Assert.NotNull(error);
        Assert.Contains("again; stopping instead of paging in a loop", error, StringComparison.Ordinal);
        Assert.Contains("sources.newsletter.streams.subscribers.pagination", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Page_number_paging_lands_every_subscriber_and_stops_on_a_short_page(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(RestSources.Newsletter, kind);
        var data = harness.Sandbox.Buttondown.Data;
        harness.Sandbox.Buttondown.PageSize = Enumerable.Range(7, 10).First(size => data.SubscriberCount % size != 0);
        harness.WriteConfig(defaults: RestSources.SubscriberStreams($"{{type: page, param: page, size: {harness.Sandbox.Buttondown.PageSize}}}"));

        var summary = await harness.SyncAsync(new SyncRequest(Trigger: "test", Sources: ["newsletter"]));

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var ids = await RowsAsync(harness, "newsletter", "subscribers", "email");
        Assert.Equal(data.SubscriberIds().Order(StringComparer.Ordinal), ids.Select(r => r.Split('|')[0]).Order(StringComparer.Ordinal));
    }

}
