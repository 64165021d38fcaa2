using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.GitHub;

/// <summary>
/// The whole path: fake GitHub over HTTP on 127.0.0.1 → sync engine → a real SQLite file or PostgreSQL schema; the
/// connector contract on acme/app's issues, ten to a page, and what only GitHub does.
/// </summary>
public sealed class GitHubSyncTests : ApiConnectorContract
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    protected override SandboxVendor Vendor => SandboxVendor.GitHub;

    protected override string Stream => "issues";

    protected override string PagePath => "/repos/acme/app/issues";

    protected override int PageSize => 10;

    protected override string RejectedSecret => "not-a-github-token-s3cret";

    protected override IReadOnlyList<string> RejectedKeyWording => ["Bad credentials"];

    /// <summary>The streams share the listing of the organization's repositories; a failed one is asked again by the next stream.</summary>
    protected override string FirstRequestPath => "/orgs/acme/repos";

    protected override bool FirstRequestShared => true;

    /// <summary>GitHub answers 404 for an organization it does not show this token.</summary>
    protected override IReadOnlyList<string> NotFoundWording => ["HTTP 404", "organization 'acme' was not found"];

    /// <summary>A secondary rate limit: a 403 with <c>Retry-After: 1</c>.</summary>
    protected override FaultRule Throttle => new(PagePath, FaultKind.RateLimit, StatusCode: 403, RetryAfterSeconds: 1);

    /// <summary>Only the issues stream: issue comments live under the same path and, run concurrently, would take the fault.</summary>
    protected override SyncRequest FaultedRun => StreamRun;

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.GitHub;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) => harness.ExpectedIds(stream);

    protected override async Task<SourceHarness> StartAsync(string kind)
    {
        var harness = await base.StartAsync(kind);
        harness.Sandbox.GitHub.MaxPerPage = 10;
        return harness;
    }

    private static async Task AssertMatchesSandboxAsync(SourceHarness harness, params string[] repositories)
    {
        foreach (var stream in GitHubSandbox.Streams)
        {
            var expected = harness.ExpectedIds(stream, repositories);
            var actual = await harness.LiveIdsAsync(stream);
            Assert.True(expected.SetEquals(actual), $"{stream}: warehouse has {actual.Count} live rows, sandbox {expected.Count}; missing {string.Join(",", expected.Except(actual).Take(5))}, extra {string.Join(",", actual.Except(expected).Take(5))}");
        }
    }

    /// <summary>Issues paged, their authors are the fake's people, pull requests are issues too, and some are merged.</summary>
    protected override async Task AssertFirstSyncRowsAsync(SourceHarness harness, RunSummary summary)
    {
        Assert.True(harness.Stream(summary, "issues").Pages > 3, "issues should have paged");


        var logins = await harness.QueryAsync($"SELECT DISTINCT user_login FROM {harness.Table("issues")}");
        var people = Enumerable.Range(0, 100).Select(harness.Sandbox.GitHub.Data.Login).ToHashSet();
        Assert.All(logins.Rows, r => Assert.Contains((string)r[0]!, people));
        var pulls = await harness.QueryAsync($"SELECT COUNT(*) FROM {harness.Table("issues")} WHERE pull_request_url IS NOT NULL");
        Assert.Equal(harness.ExpectedIds("pull_requests").Count, Convert.ToInt32(pulls.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
        var merged = await harness.QueryAsync($"SELECT COUNT(*) FROM {harness.Table("pull_requests")} WHERE merged_at IS NOT NULL AND repository = 'acme/app'");
        Assert.True(Convert.ToInt32(merged.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_unchanged_source_costs_only_304s(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        await harness.SyncAsync();
        var second = await harness.SyncAsync();
        RunAssert.WroteNothing(second, SyncMode.Incremental);
        harness.Sandbox.GitHub.ResetCounters();
        var third = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, third.Status);
        var repositories = harness.Sandbox.GitHub.Data.Repositories.Count;
        // One listing of the organization, then one free 304 per repository and stream.
        Assert.Equal(4 * repositories, harness.Sandbox.GitHub.NotModifiedCount);
        Assert.Equal(1 + (4 * repositories), harness.Sandbox.GitHub.RequestLog.Count);
        Assert.All(third.Streams.Where(s => s.Stream != "github.repositories"), s => Assert.Equal(0, s.Records));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_same_objects_served_indented_then_compact_are_unchanged_and_write_no_new_row_version(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        harness.Sandbox.GitHub.Indent = true;
        await harness.SyncAsync();
        var before = await Task.WhenAll(GitHubSandbox.Streams.Select(harness.RowVersionsAsync));
        var raw = (string)(await harness.QueryAsync($"SELECT _gh_raw FROM {harness.Table("issues")} LIMIT 1")).Rows[0][0]!;
        harness.Sandbox.GitHub.Indent = false;

        var summary = await harness.SyncAsync(new SyncRequest(FullRefresh: true, Trigger: "test"));

        RunAssert.WroteNothing(summary, SyncMode.FullRefresh);
        Assert.All(summary.Streams, s => Assert.Equal(s.Records, s.Counts.Unchanged));
        Assert.True(harness.Stream(summary, "issues").Records > 0);
        Assert.Equal(before, await Task.WhenAll(GitHubSandbox.Streams.Select(harness.RowVersionsAsync)));
        if (kind == "sqlite")
        {
            // The text stored of the indented delivery is compact (PostgreSQL's jsonb keeps no spelling at all).
            Assert.Equal(CanonicalJson.Compact(System.Text.Json.JsonDocument.Parse(raw).RootElement), raw);
            Assert.DoesNotContain('\n', raw);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Incremental_sync_catches_an_updated_and_a_new_issue(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        await harness.SyncAsync();
        await harness.SyncAsync();
        var data = harness.Sandbox.GitHub.Data;
        var oldest = (await harness.QueryAsync($"SELECT number FROM {harness.Table("issues")} WHERE repository_url LIKE '%/acme/site' AND pull_request_url IS NULL ORDER BY updated_at LIMIT 1")).Rows[0][0];
        var number = Convert.ToInt32(oldest, System.Globalization.CultureInfo.InvariantCulture);
        data.UpdateIssue("acme/site", number, issue =>
        {
            issue["title"] = "Changed title";
            issue["state"] = "closed";
        });
        var added = data.AddIssue("acme/app", "Brand new issue", author: 7);

        var summary = await harness.SyncAsync();

        var issues = harness.Stream(summary, "issues");
        Assert.Equal(SyncMode.Incremental, issues.Mode);
        Assert.Equal(1, issues.Counts.Updated);
        Assert.Equal(1, issues.Counts.New);
        var row = await harness.QueryAsync($"SELECT title, state FROM {harness.Table("issues")} WHERE number = {number} AND repository_url LIKE '%/acme/site'");
        Assert.Equal("Changed title", row.Rows.Single()[0]);
        Assert.Equal("closed", row.Rows.Single()[1]);
        var newRow = await harness.QueryAsync($"SELECT user_login FROM {harness.Table("issues")} WHERE number = {added} AND repository_url LIKE '%/acme/app'");
        Assert.Equal(data.Login(7), newRow.Rows.Single()[0]);
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Adding_a_repository_backfills_only_that_repository(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        harness.WriteConfig(defaults: "repositories: acme/app");
        await harness.SyncAsync();
        await harness.SyncAsync();
        await AssertMatchesSandboxAsync(harness, "acme/app");

        harness.WriteConfig(defaults: "repositories: acme/app, acme/site");
        harness.Sandbox.GitHub.ResetCounters();
        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(SyncMode.Incremental, harness.Stream(summary, "issues").Mode);
        var log = harness.Sandbox.GitHub.RequestLog;
        Assert.Contains(log, r => r.StartsWith("/repos/acme/site/issues?", StringComparison.Ordinal) && !r.Contains("since=", StringComparison.Ordinal));
        Assert.DoesNotContain(log, r => r.StartsWith("/repos/acme/app/issues?", StringComparison.Ordinal) && !r.Contains("since=", StringComparison.Ordinal));
        Assert.DoesNotContain(log, r => r.StartsWith("/repos/acme/docs", StringComparison.Ordinal));
        Assert.Equal(harness.Sandbox.GitHub.Data.Ids("issues", "acme/site").Count, harness.Stream(summary, "issues").Counts.New);
        Assert.Equal(0, harness.Stream(summary, "issues").Counts.Updated);
        await AssertMatchesSandboxAsync(harness, "acme/app", "acme/site");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_next_link_that_repeats_fails_clearly_instead_of_looping(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        harness.WriteConfig("streams: [issues]");
        harness.Sandbox.GitHub.MaxPerPage = 10;
        harness.Sandbox.GitHub.RepeatNextLink = true;

        var summary = await harness.SyncAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var issues = harness.Stream(summary, "issues");
        Assert.Equal(RunStatus.Failed, issues.Status);
        Assert.Contains("page already read", issues.Error);
        Assert.Contains("acme/app", issues.Error);
        Assert.True(harness.Sandbox.GitHub.RequestCount("/repos/acme/app/issues") <= 3);
    }
}
