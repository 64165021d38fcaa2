using System.Globalization;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Plain;

/// <summary>
/// The whole path for Plain: the GraphQL fake over HTTP on 127.0.0.1 → sync engine → SQLite or PostgreSQL; the
/// connector contract on customers, 40 to a page, and what only Plain does.
/// </summary>
public sealed class PlainSyncTests : ApiConnectorContract
{
    private static readonly Dictionary<string, string> Connections = new() { ["customers"] = "customers", ["threads"] = "threads", ["labels"] = "labelTypes" };

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    protected override SandboxVendor Vendor => SandboxVendor.Plain;

    protected override string Stream => "customers";

    protected override string PagePath => "/graphql/v1/customers";

    protected override int PageSize => 40;

    protected override string RejectedSecret => "not-a-plain-key-0123456789";

    protected override IReadOnlyList<string> RejectedKeyWording => ["Plain rejected the API key in sources.plain.api_key (${GH_TEST_PLAIN_KEY})", "UNAUTHENTICATED"];

    /// <summary>A 429 whose x-ratelimit-reset (ISO 8601) is 2 s ahead: only it explains a wait of 1.5 s.</summary>
    protected override FaultRule Throttle => new(PagePath, FaultKind.RateLimit, OnRequest: 2, RetryAfterSeconds: 2);

    protected override TimeSpan ThrottleWait => TimeSpan.FromSeconds(1.5);

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.Plain;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) => harness.Sandbox.Plain.Data.Ids(Connections[stream]);

    /// <summary>Customers and threads are filtered by updatedAt; label types (no such filter) are read whole.</summary>
    protected override SyncMode SecondSyncMode(string stream) => stream == "labels" ? SyncMode.FullRefresh : SyncMode.Incremental;

    private Task AssertMatchesSandboxAsync(SourceHarness harness) => AssertMatchesFakeAsync(harness, Connections.Keys);

    /// <summary>Customers paged and are the Stripe customers; every thread has a customer, a status and a creation time.</summary>
    protected override async Task AssertFirstSyncRowsAsync(SourceHarness harness, RunSummary summary)
    {
        Assert.True(harness.Stream(summary, "customers").Pages >= 2);
        var stripe = harness.Sandbox.Stripe.Data;
        var stripeId = stripe.Ids("customers")[0];
        var row = await harness.QueryAsync($"SELECT email, external_id, created_at, updated_at FROM {harness.Table("customers")} WHERE external_id = '{stripeId}'");
        var values = row.Rows.Single();
        Assert.Equal((string?)stripe.Get("customers", stripeId)["email"], values[0]);
        Assert.NotNull(values[2]);
        Assert.NotNull(values[3]);
        var orphans = await harness.QueryAsync(
            $"SELECT COUNT(*) FROM {harness.Table("threads")} t WHERE t.customer_id IS NULL OR t.status IS NULL OR t.created_at IS NULL " +
            $"OR NOT EXISTS (SELECT 1 FROM {harness.Table("customers")} c WHERE c.id = t.customer_id)");
        Assert.Equal(0, Convert.ToInt32(orphans.Rows[0][0], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_incremental_run_asks_only_for_what_changed_since_the_cursor_and_the_reconcile_catches_deletions(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        harness.WriteConfig("lookback: 1h");
        await harness.SyncAsync();
        var data = harness.Sandbox.Plain.Data;
        var thread = data.Ids("threads").First(id => (string?)data.Get("threads", id)["status"] != "DONE");
        harness.Sandbox.Plain.UpdateThread(thread, "DONE");
        var customerIds = data.Ids("threads").Select(id => (string)data.Get("threads", id)["customer"]!["id"]!).ToHashSet();
        var quiet = data.Ids("customers").First(id => !customerIds.Contains(id));
        data.Remove("customers", quiet);
        var cursor = (await harness.StateAsync("threads"))!["cursor"]!["updated_at"]!.GetValue<string>();
        var log = harness.Sandbox.Plain.RequestLog.Count;

        var summary = await harness.SyncAsync();

        var threads = harness.Stream(summary, "threads");
        Assert.Equal(SyncMode.Incremental, threads.Mode);
        Assert.Equal(1, threads.Counts.Updated);
        Assert.True(threads.Records < data.Count("threads") / 2, $"an incremental run read {threads.Records} of {data.Count("threads")} threads");
        var expectedFrom = DateTimeOffset.Parse(cursor, CultureInfo.InvariantCulture).AddHours(-1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        Assert.Contains(harness.Sandbox.Plain.RequestLog.Skip(log), r => r.StartsWith("/graphql/v1/threads?", StringComparison.Ordinal) && r.EndsWith($"&updatedAt_after={expectedFrom}", StringComparison.Ordinal));
        var status = await harness.QueryAsync($"SELECT status FROM {harness.Table("threads")} WHERE id = '{thread}'");
        Assert.Equal("DONE", status.Rows.Single()[0]);
        // A deleted customer is not in any updatedAt listing: the reconcile's full refresh soft-deletes it.
        Assert.Equal(0, harness.Stream(summary, "customers").Counts.Deleted);
        Assert.Contains(quiet, await harness.LiveIdsAsync("customers"));

        var reconcile = await harness.SyncAsync(new SyncRequest(Trigger: "test", FullRefresh: true));

        Assert.Equal(1, harness.Stream(reconcile, "customers").Counts.Deleted);
        await AssertMatchesSandboxAsync(harness);
    }

    [Fact]
    public async Task The_fake_refuses_Linear_style_filter_arguments_and_updatedAt_on_label_types()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SandboxVendor.Plain.Secret!);
        var url = sandbox.VendorUrls["plain"] + "/graphql/v1";

        async Task<(int Status, string Body)> PostAsync(string query, string variables)
        {
            using var response = await http.PostAsync(url, new StringContent($$"""{"query":"{{query}}","variables":{{variables}}}""", System.Text.Encoding.UTF8, "application/json"));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var wrongArgument = await PostAsync("query Q($filter: CustomersFilter) { customers(first: 5, filter: $filter) { edges { node { id } } } }", """{"filter":null}""");
        Assert.Equal(400, wrongArgument.Status);
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", wrongArgument.Body);
        Assert.EndsWith("Did you mean \"filters\"?", (string?)System.Text.Json.Nodes.JsonNode.Parse(wrongArgument.Body)!["errors"]![0]!["message"]);
        var labels = await PostAsync("query Q($filters: LabelTypeFilter) { labelTypes(first: 5, filters: $filters) { edges { node { id } } } }", """{"filters":{"updatedAt":{"after":"2026-01-01T00:00:00Z"}}}""");
        Assert.Equal(400, labels.Status);
        Assert.Contains("BAD_USER_INPUT", labels.Body);
        var customers = await PostAsync("query Q($filters: CustomersFilter) { customers(first: 100, filters: $filters) { edges { node { id } } } }", """{"filters":{"updatedAt":{"after":"2999-01-01T00:00:00Z"}}}""");
        Assert.Equal(200, customers.Status);
        Assert.Contains("\"edges\":[]", customers.Body);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_GraphQL_error_with_HTTP_200_fails_the_stream_with_its_message(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        harness.Sandbox.Plain.InjectError("threads", "FORBIDDEN", "Missing permission thread:read");

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Partial, summary.Status);
        var threads = harness.Stream(summary, "threads");
        Assert.Equal(RunStatus.Failed, threads.Status);
        Assert.Contains("HTTP 200 FORBIDDEN: Missing permission thread:read", threads.Error);
        Assert.Contains("sources.plain.api_key (${GH_TEST_PLAIN_KEY}) may not read threads", threads.Error);
        Assert.Equal(RunStatus.Succeeded, harness.Stream(summary, "customers").Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_endCursor_that_repeats_fails_clearly_instead_of_looping(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        harness.Sandbox.Plain.StuckCursor = "threads";

        var summary = await harness.SyncAsync(new SyncRequest(Streams: ["plain.threads"]));

        var threads = harness.Stream(summary, "threads");
        Assert.Equal(RunStatus.Failed, threads.Status);
        Assert.Contains("returned endCursor", threads.Error);
        Assert.True(harness.Sandbox.Plain.RequestCount("/graphql/v1/threads") <= 3);
    }
}
