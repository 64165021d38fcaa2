using System.Globalization;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sentry;

/// <summary>
/// Fake Sentry over HTTP on 127.0.0.1 → sync engine → a real SQLite file or PostgreSQL schema; the connector contract
/// on issues, and what only Sentry does.
/// </summary>
public sealed class SentrySyncTests : ApiConnectorContract
{
    private const string IssuesPath = "/api/0/organizations/acme/issues/";

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    protected override SandboxVendor Vendor => SandboxVendor.Sentry;

    protected override string Stream => "issues";

    protected override string PagePath => IssuesPath;

    protected override int PageSize => 100;

    protected override int PagesBeforeRevocation => 1;

    /// <summary>Not a token the fake knows: the fake itself refuses it.</summary>
    protected override string RejectedSecret => "not_a_sentry_token_at_all";

    protected override IReadOnlyList<string> RejectedKeyWording => ["rejected the token in sources.sentry.token (${GH_TEST_SENTRY_TOKEN})", "HTTP 401: Invalid token"];

    /// <summary>A 429 without Retry-After: the wait comes from X-Sentry-Rate-Limit-Reset (1–2 s away), not the 10 ms backoff.</summary>
    protected override FaultRule Throttle => new(PagePath, FaultKind.RateLimit, OnRequest: 2);

    protected override TimeSpan ThrottleWait => TimeSpan.FromSeconds(0.9);

    /// <summary>Sentry answers 404 for an organization it does not show this token.</summary>
    protected override IReadOnlyList<string> NotFoundWording => ["HTTP 404", "Sentry has no organization 'acme' visible to this token", "base_url"];

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.Sentry;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) => stream switch
    {
        "projects" => harness.Sandbox.Sentry.Data.ProjectIds(),
        "releases" => harness.Sandbox.Sentry.Data.ReleaseIds(),
        _ => harness.Sandbox.Sentry.Data.IssueIds(),
    };

    private Task AssertMatchesSandboxAsync(SourceHarness harness) => AssertMatchesFakeAsync(harness, ["projects", "releases", "issues"]);

    /// <summary>An issue's typed columns, and resolved issues land too.</summary>
    protected override async Task AssertFirstSyncRowsAsync(SourceHarness harness, RunSummary summary)
    {
        var data = harness.Sandbox.Sentry.Data;
        Assert.True(data.IssueCount > 100, "the fake should need more than one page of issues");
        var issue = data.Issue(data.IssueIds()[0]);
        var row = (await harness.QueryAsync($"SELECT short_id, status, count, project_slug, last_seen FROM {harness.Table("issues")} WHERE id = '{issue["id"]}'")).Rows.Single();
        Assert.Equal((string?)issue["shortId"], row[0]);
        Assert.Equal((string?)issue["status"], row[1]);
        Assert.Equal(long.Parse((string)issue["count"]!, CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
        Assert.Equal((string?)issue["project"]!["slug"], row[3]);
        Assert.NotNull(row[4]);
        var statuses = await harness.QueryAsync($"SELECT DISTINCT status FROM {harness.Table("issues")}");
        Assert.True(statuses.Rows.Count >= 2, "resolved issues must land too (query= lists every status)");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Incremental_sync_catches_a_resolved_issue_with_new_events_and_a_new_issue(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Sentry, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Sentry.Data;
        var old = data.IssueIds().Select(data.Issue)
            .Where(i => (string)i["status"]! == "unresolved")
            .MinBy(i => (string)i["lastSeen"]!)!;
        var id = (string)old["id"]!;
        data.Resolve(id);
        data.RecordEvent(id);
        var created = data.CreateIssue("web", "TypeError: price is null");
        harness.Sandbox.Sentry.ResetCounters();

        var summary = await harness.SyncAsync();

        var issues = harness.Stream(summary, "issues");
        Assert.Equal(SyncMode.Incremental, issues.Mode);
        Assert.Equal(1, issues.Counts.Updated);
        Assert.Equal(1, issues.Counts.New);
        var row = (await harness.QueryAsync($"SELECT status, count FROM {harness.Table("issues")} WHERE id = '{id}'")).Rows.Single();
        Assert.Equal("resolved", row[0]);
        Assert.Equal(long.Parse((string)old["count"]!, CultureInfo.InvariantCulture) + 1, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
        Assert.Contains(created, await harness.LiveIdsAsync("issues"));
        // Incremental: one page for the last week (lookback 7d), not the whole retention period.
        var request = Assert.Single(harness.Sandbox.Sentry.RequestLog, r => r.StartsWith(IssuesPath, StringComparison.Ordinal));
        Assert.Contains("query=&sort=date", request);
        Assert.Contains("start=", request);
        Assert.True(issues.Records < data.IssueCount / 2, $"{issues.Records} issues re-read");
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Link_paging_stops_when_next_says_results_false(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Sentry, kind);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var fake = harness.Sandbox.Sentry;
        var pages = (fake.Data.IssueCount + 99) / 100;
        Assert.Equal(pages, fake.RequestCount(IssuesPath));
        Assert.Equal(1, fake.RequestCount("/api/0/organizations/acme/projects/"));
        Assert.Equal(1, fake.RequestCount("/api/0/organizations/acme/releases/"));
        Assert.Contains(fake.RequestLog, r => r.StartsWith(IssuesPath, StringComparison.Ordinal) && r.Contains("cursor=0%3A100%3A0", StringComparison.Ordinal));
        Assert.All(fake.RequestLog, r => Assert.Contains("limit=100", r));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_unknown_organization_is_named(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Sentry, kind);
        harness.WriteConfig(defaults: "organization: globex");

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.All(summary.Streams, s =>
        {
            Assert.Contains("no organization 'globex'", s.Error);
            Assert.Contains("The requested resource does not exist", s.Error);
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_repeated_cursor_fails_clearly_instead_of_looping(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Sentry, kind);
        harness.Sandbox.Sentry.StuckCursor = true;

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.All(summary.Streams, s => Assert.Contains("returned the cursor '0:100:0' again", s.Error));
        Assert.Equal(2, harness.Sandbox.Sentry.RequestCount(IssuesPath));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_count_that_is_not_a_number_is_kept_raw_with_a_warning(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Sentry, kind);
        var data = harness.Sandbox.Sentry.Data;
        var id = data.IssueIds()[3];
        data.Update(id, issue => issue["count"] = "100k+");
        harness.WriteConfig("streams: [issues]");

        var summary = await harness.SyncAsync();

        var issues = harness.Stream(summary, "issues");
        Assert.Equal(RunStatus.Succeeded, issues.Status);
        Assert.Equal(1, issues.Warnings);
        var row = (await harness.QueryAsync($"SELECT count, _gh_raw FROM {harness.Table("issues")} WHERE id = '{id}'")).Rows.Single();
        Assert.True(row[0] is null or DBNull);
        Assert.Contains("100k+", Convert.ToString(row[1], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_resolve_without_new_events_is_caught_by_the_reconcile_full_refresh(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Sentry, kind);
        harness.WriteConfig("streams: [issues]");
        await harness.SyncAsync();
        var data = harness.Sandbox.Sentry.Data;
        var id = data.IssueIds().Select(data.Issue).Where(i => (string)i["status"]! == "unresolved").MinBy(i => (string)i["lastSeen"]!)!["id"]!.ToString();
        data.Resolve(id);

        var incremental = await harness.SyncAsync();
        Assert.Equal(0, harness.Stream(incremental, "issues").Counts.Updated);

        var full = await harness.SyncAsync(new SyncRequest(FullRefresh: true));

        Assert.Equal(1, harness.Stream(full, "issues").Counts.Updated);
        var status = (await harness.QueryAsync($"SELECT status FROM {harness.Table("issues")} WHERE id = '{id}'")).Rows.Single()[0];
        Assert.Equal("resolved", status);
    }
}
