using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Linear;

/// <summary>
/// The whole path for Linear: the GraphQL fake over HTTP on 127.0.0.1 → sync engine → SQLite or PostgreSQL; the
/// connector contract on issues, and what only Linear does.
/// </summary>
public sealed class LinearSyncTests : ApiConnectorContract
{
    private static readonly Dictionary<string, string> Connections = new()
    {
        ["issues"] = "issues", ["projects"] = "projects", ["cycles"] = "cycles", ["teams"] = "teams", ["users"] = "users", ["workflow_states"] = "workflowStates",
    };

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    protected override SandboxVendor Vendor => SandboxVendor.Linear;

    protected override string Stream => "issues";

    protected override string PagePath => "/graphql/issues";

    protected override int PageSize => 100;

    protected override string RejectedSecret => "Bearer-not-a-linear-key-42";

    protected override IReadOnlyList<string> RejectedKeyWording => ["rejected the API key in sources.linear.api_key (${GH_TEST_LINEAR_KEY})", "AUTHENTICATION_ERROR"];

    protected override string CursorField => "updated_at";

    /// <summary>A 429 whose reset header (epoch milliseconds) is 2 s ahead: only it explains a wait of 1.5 s.</summary>
    protected override FaultRule Throttle => new(PagePath, FaultKind.RateLimit, OnRequest: 2, RetryAfterSeconds: 2);

    protected override TimeSpan ThrottleWait => TimeSpan.FromSeconds(1.5);

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.Linear;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) => harness.Sandbox.Linear.Data.Ids(Connections[stream]);

    /// <summary>A second sync asks only for issues updated since the cursor.</summary>
    protected override void AssertSecondSyncRequests(SourceHarness harness)
    {
        var issueQueries = harness.Sandbox.Linear.RequestLog.Where(r => r.StartsWith("/graphql/issues?", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(issueQueries);
        Assert.All(issueQueries, r => Assert.DoesNotContain("updatedAt_gt=&", r + "&", StringComparison.Ordinal));
    }

    /// <summary>An issue's typed columns; customer-requested issues name a Stripe customer; every user has an email.</summary>
    protected override async Task AssertFirstSyncRowsAsync(SourceHarness harness, RunSummary summary)
    {
        var data = harness.Sandbox.Linear.Data;
        Assert.True(harness.Stream(summary, "issues").Pages >= 3, "250 issues take three pages of 100");
        var issue = data.Get("issues", data.Ids("issues").First(id => data.Get("issues", id)["assignee"] is not null));
        var row = await harness.QueryAsync(
            $"SELECT identifier, state_name, state_type, assignee_email, team_key, priority, updated_at, _gh_raw FROM {harness.Table("issues")} WHERE id = '{issue["id"]}'");
        var values = row.Rows.Single();
        Assert.Equal((string?)issue["identifier"], values[0]);
        Assert.Equal((string?)issue["state"]!["name"], values[1]);
        Assert.Equal((string?)issue["state"]!["type"], values[2]);
        Assert.Equal((string?)issue["assignee"]!["email"], values[3]);
        Assert.Equal((string?)issue["team"]!["key"], values[4]);
        Assert.Equal((int)issue["priority"]!, Convert.ToInt32(values[5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(values[6]);
        Assert.Contains((string)issue["identifier"]!, Convert.ToString(values[7], System.Globalization.CultureInfo.InvariantCulture));

        // One business: customer-requested issues name a Stripe customer by email and id.
        var customers = harness.Sandbox.Stripe.Data.Ids("customers").ToHashSet();
        var requested = data.Ids("issues").Select(id => (string?)data.Get("issues", id)["description"]).Where(d => d is { Length: > 0 }).ToList();
        Assert.NotEmpty(requested);
        Assert.All(requested, d => Assert.Contains(customers, c => d!.Contains(c, StringComparison.Ordinal)));
        var users = await harness.QueryAsync($"SELECT COUNT(*) FROM {harness.Table("users")} WHERE email LIKE '%@%'");
        Assert.Equal(data.Count("users"), Convert.ToInt32(users.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_updated_issue_is_caught_incrementally(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Linear, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Linear.Data;
        var oldest = data.Ids("issues").Select(id => data.Get("issues", id)).MinBy(i => (string)i["updatedAt"]!)!;
        harness.Sandbox.Linear.UpdateIssue((string)oldest["id"]!, title: "Renamed by the test", stateName: "Done", stateType: "completed");

        var summary = await harness.SyncAsync();

        var issues = harness.Stream(summary, "issues");
        Assert.Equal(SyncMode.Incremental, issues.Mode);
        Assert.Equal(1, issues.Counts.Updated);
        Assert.Equal(0, issues.Counts.New);
        Assert.True(issues.Records < harness.Sandbox.Linear.Data.Count("issues"), "only the lookback window is re-read");
        var row = await harness.QueryAsync($"SELECT title, state_name, state_type FROM {harness.Table("issues")} WHERE id = '{oldest["id"]}'");
        var values = row.Rows.Single();
        Assert.Equal("Renamed by the test", values[0]);
        Assert.Equal("Done", values[1]);
        Assert.Equal("completed", values[2]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_GraphQL_error_with_HTTP_200_fails_the_stream_with_its_message(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Linear, kind);
        harness.Sandbox.Linear.InjectError("projects", "BAD_USER_INPUT", "Argument Validation Error: first must not exceed 50");

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Partial, summary.Status);
        var projects = harness.Stream(summary, "projects");
        Assert.Equal(RunStatus.Failed, projects.Status);
        Assert.Contains("BAD_USER_INPUT", projects.Error);
        Assert.Contains("first must not exceed 50", projects.Error);
        Assert.Contains("HTTP 200", projects.Error);
        Assert.DoesNotContain("updated_at", (await harness.StateAsync("projects"))?.ToJsonString() ?? "", StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, harness.Stream(summary, "issues").Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_endCursor_that_repeats_fails_clearly_instead_of_looping(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Linear, kind);
        harness.Sandbox.Linear.StuckCursor = "issues";

        var summary = await harness.SyncAsync(new SyncRequest(Streams: ["linear.issues"]));

        var issues = harness.Stream(summary, "issues");
        Assert.Equal(RunStatus.Failed, issues.Status);
        Assert.Contains("returned endCursor", issues.Error);
        Assert.Contains("again", issues.Error);
        Assert.True(harness.Sandbox.Linear.RequestCount("/graphql/issues") <= 3);
    }
}
