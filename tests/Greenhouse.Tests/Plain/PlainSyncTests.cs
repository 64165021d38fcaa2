using System.Diagnostics;
using System.Globalization;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Plain;

/// <summary>The whole path for Plain: the GraphQL fake over HTTP on 127.0.0.1 → sync engine → SQLite or PostgreSQL.</summary>
public sealed class PlainSyncTests
{
    private static readonly (string Stream, string Connection)[] Streams = [("customers", "customers"), ("threads", "threads"), ("labels", "labelTypes")];

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static async Task AssertMatchesSandboxAsync(SourceHarness harness)
    {
        foreach (var (stream, connection) in Streams)
        {
            var expected = harness.Sandbox.Plain.Data.Ids(connection).ToHashSet();
            var actual = await harness.LiveIdsAsync(stream);
            Assert.True(expected.SetEquals(actual), $"{stream}: warehouse has {actual.Count} live rows, sandbox {expected.Count}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task First_sync_lands_every_customer_thread_and_label(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        await AssertMatchesSandboxAsync(harness);
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
    public async Task Second_sync_rewrites_no_rows(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        var first = await harness.SyncAsync();

        var second = await harness.SyncAsync();

        // Plain streams are read in full every run (no confirmed updatedAt filter).
        RunAssert.WroteNothing(second, SyncMode.FullRefresh);
        var max = await harness.QueryAsync($"SELECT MAX(_gh_run_id) FROM {harness.Table("threads")}");
        Assert.Equal(first.RunId, Convert.ToInt64(max.Rows[0][0], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_changed_thread_and_a_deleted_customer_are_caught_on_the_next_run(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Plain.Data;
        var thread = data.Ids("threads").First(id => (string?)data.Get("threads", id)["status"] != "DONE");
        harness.Sandbox.Plain.UpdateThread(thread, "DONE");
        var customerIds = data.Ids("threads").Select(id => (string)data.Get("threads", id)["customer"]!["id"]!).ToHashSet();
        var quiet = data.Ids("customers").First(id => !customerIds.Contains(id));
        data.Remove("customers", quiet);

        var summary = await harness.SyncAsync();

        Assert.Equal(1, harness.Stream(summary, "threads").Counts.Updated);
        Assert.Equal(1, harness.Stream(summary, "customers").Counts.Deleted);
        var status = await harness.QueryAsync($"SELECT status FROM {harness.Table("threads")} WHERE id = '{thread}'");
        Assert.Equal("DONE", status.Rows.Single()[0]);
        await AssertMatchesSandboxAsync(harness);
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
    public async Task A_rejected_key_names_its_variable_and_never_its_value(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        harness.Secret = "not-a-plain-key-0123456789";

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        var error = harness.Stream(summary, "customers").Error!;
        Assert.Contains("Plain rejected the API key in sources.plain.api_key (${GH_TEST_PLAIN_KEY})", error);
        Assert.Contains("UNAUTHENTICATED", error);
        Assert.DoesNotContain(harness.Secret, error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_rate_limited_query_waits_for_the_reset_then_succeeds(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        harness.Sandbox.Plain.Faults.Add(new FaultRule("/graphql/v1/customers", FaultKind.RateLimit, OnRequest: 2, RetryAfterSeconds: 2));
        var clock = Stopwatch.StartNew();

        var summary = await harness.SyncAsync(new SyncRequest(Streams: ["plain.customers"]));

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        // retry_base_delay is 10 ms: only x-ratelimit-reset (ISO 8601, 2 s ahead) explains a wait this long.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"waited only {clock.Elapsed}");
        Assert.Equal(harness.Sandbox.Plain.Data.Count("customers"), (await harness.LiveIdsAsync("customers")).Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_malformed_page_fails_the_stream_without_advancing_state_and_a_rerun_converges(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Plain, kind);
        harness.Sandbox.Plain.Faults.Add(new FaultRule("/graphql/v1/customers", FaultKind.MalformedJson, OnRequest: 2));

        var failed = await harness.SyncAsync(new SyncRequest(Streams: ["plain.customers"]));

        var customers = harness.Stream(failed, "customers");
        Assert.Equal(RunStatus.Failed, customers.Status);
        Assert.Contains("page 2", customers.Error);
        Assert.Contains("not valid JSON", customers.Error);
        Assert.Equal(40, (await harness.LiveIdsAsync("customers")).Count);
        RunAssert.PendingWithoutCursor(await harness.StateAsync("customers"));

        var rerun = await harness.SyncAsync(new SyncRequest(Streams: ["plain.customers"]));

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.True(harness.Stream(rerun, "customers").Resumed);
        Assert.Equal(harness.Sandbox.Plain.Data.Ids("customers").ToHashSet(), await harness.LiveIdsAsync("customers"));
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
