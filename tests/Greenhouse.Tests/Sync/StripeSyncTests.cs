using System.Diagnostics;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

/// <summary>
/// The whole path: fake Stripe over HTTP on 127.0.0.1 → sync engine → a real SQLite file or PostgreSQL schema; the
/// connector contract on invoices, and what only Stripe does.
/// </summary>
public sealed class StripeSyncTests : ApiConnectorContract
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    protected override SandboxVendor Vendor => SandboxVendor.Stripe;

    protected override string Stream => "invoices";

    protected override string PagePath => "/v1/invoices";

    protected override int PageSize => 100;

    protected override int MalformedPage => 3;

    protected override string RejectedSecret => "sk_void_definitely_wrong_4242";

    protected override IReadOnlyList<string> RejectedKeyWording => ["rejected the API key in sources.stripe.api_key (${GH_TEST_STRIPE_KEY})"];

    protected override string FirstRequestPath => "/v1/customers";

    protected override IReadOnlyList<string> NotFoundWording => ["HTTP 404", "was not found", "base_url"];

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.Stripe;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) => harness.Sandbox.Stripe.Data.Ids(stream);

    private Task AssertMatchesSandboxAsync(SourceHarness harness) => AssertMatchesFakeAsync(harness, StripeResources.All);

    /// <summary>A customer's typed columns and raw payload.</summary>
    protected override async Task AssertFirstSyncRowsAsync(SourceHarness harness, RunSummary summary)
    {
        Assert.Equal(harness.Sandbox.Stripe.Data.Count("customers"), harness.Stream(summary, "customers").Counts.New);

        var customer = harness.Sandbox.Stripe.Data.Get("customers", harness.Sandbox.Stripe.Data.Ids("customers")[0]);
        var row = await harness.QueryAsync($"SELECT email, created, _gh_raw FROM {harness.Table("customers")} WHERE id = '{customer["id"]}'");
        Assert.Equal((string?)customer["email"], (string?)row.Rows[0][0]);
        Assert.Contains((string)customer["id"]!, Convert.ToString(row.Rows[0][2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Incremental_sync_catches_an_update_to_an_old_customer(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Stripe.Data;
        var old = data.Ids("customers").Select(id => data.Get("customers", id)).MinBy(c => (long)c["created"]!)!;
        Assert.True(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (long)old["created"]! > TimeSpan.FromDays(60).TotalSeconds, "the oldest customer should be months old");
        data.Update("customers", (string)old["id"]!, c => c["email"] = "changed.email@example.com");

        var summary = await harness.SyncAsync();

        Assert.Equal(SyncMode.Incremental, harness.Stream(summary, "customers").Mode);
        Assert.Equal(1, harness.Stream(summary, "customers").Counts.Updated);
        Assert.Equal(0, harness.Stream(summary, "customers").Counts.New);
        var email = await harness.QueryAsync($"SELECT email FROM {harness.Table("customers")} WHERE id = '{old["id"]}'");
        Assert.Equal("changed.email@example.com", email.Rows[0][0]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Incremental_sync_lands_new_objects_and_soft_deletes_on_deletion_events(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Stripe.Data;
        var created = data.Create("customers", c => c["email"] = "new.customer@example.com");
        var deleted = data.Ids("customers").Last(id => id != created);
        data.Delete("customers", deleted);

        var summary = await harness.SyncAsync();

        Assert.Equal(1, harness.Stream(summary, "customers").Counts.New);
        Assert.Equal(1, harness.Stream(summary, "customers").Counts.Deleted);
        var row = await harness.QueryAsync($"SELECT _gh_deleted_at FROM {harness.Table("customers")} WHERE id = '{deleted}'");
        Assert.NotNull(row.Rows.Single()[0]);
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Full_refresh_soft_deletes_rows_the_source_no_longer_returns(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Stripe.Data;
        var gone = data.Ids("coupons")[0];
        data.DeleteWithoutEvent("coupons", gone);

        var incremental = await harness.SyncAsync();
        Assert.Equal(0, harness.Stream(incremental, "coupons").Counts.Deleted);

        var full = await harness.SyncAsync(new SyncRequest(Streams: ["stripe.coupons"], FullRefresh: true));

        var coupons = harness.Stream(full, "coupons");
        Assert.Equal(SyncMode.FullRefresh, coupons.Mode);
        Assert.Equal(1, coupons.Counts.Deleted);
        Assert.Equal(0, coupons.Counts.Updated);
        var rows = await harness.QueryAsync($"SELECT id, _gh_deleted_at FROM {harness.Table("coupons")}");
        Assert.Equal(data.Count("coupons") + 1, rows.Rows.Count);
        Assert.NotNull(rows.Rows.Single(r => (string)r[0]! == gone)[1]);
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Server_errors_rate_limits_and_dropped_connections_are_retried(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        var faults = harness.Sandbox.Stripe.Faults;
        faults.Add(new FaultRule("/v1/customers", FaultKind.Status, OnRequest: 1, Times: 2, StatusCode: 500));
        faults.Add(new FaultRule("/v1/invoices", FaultKind.RateLimit, OnRequest: 2, RetryAfterSeconds: 1));
        faults.Add(new FaultRule("/v1/charges", FaultKind.DropConnection, OnRequest: 1));
        var watch = Stopwatch.StartNew();

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), "Retry-After: 1 was not honoured");
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Retries_that_run_out_fail_the_stream_with_the_vendor_error(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("max_retries: 2\nstreams: [products]");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/products", FaultKind.Status, Times: int.MaxValue, StatusCode: 503));

        var summary = await harness.SyncAsync();

        var products = harness.Stream(summary, "products");
        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Contains("after 3 attempt(s)", products.Error);
        Assert.Contains("HTTP 503", products.Error);
        Assert.Equal(3, harness.Sandbox.Stripe.RequestCount("/v1/products"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Forbidden_is_explained(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/refunds", FaultKind.Status, StatusCode: 403));
        harness.WriteConfig("streams: [refunds]");

        var forbidden = await harness.SyncAsync();
        Assert.Contains("may not read GET /v1/refunds", harness.Stream(forbidden, "refunds").Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_list_that_hands_back_the_same_cursor_fails_clearly_instead_of_looping(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [invoices]");
        harness.Sandbox.Stripe.StuckCursor = true;

        var summary = await harness.SyncAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var invoices = harness.Stream(summary, "invoices");
        Assert.Equal(RunStatus.Failed, invoices.Status);
        Assert.Contains("again; stopping instead of paging in a loop", invoices.Error);
        Assert.Equal(1, invoices.Pages);
        Assert.Equal(2, harness.Sandbox.Stripe.RequestCount("/v1/invoices"));
        RunAssert.PendingWithoutCursor(await harness.StateAsync("invoices"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_value_that_does_not_fit_its_column_is_kept_raw_and_counted(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        var data = harness.Sandbox.Stripe.Data;
        var id = data.Ids("customers")[0];
        data.Update("customers", id, c => c["balance"] = "a lot");
        harness.WriteConfig("streams: [customers]");

        var summary = await harness.SyncAsync();

        var customers = harness.Stream(summary, "customers");
        Assert.Equal(RunStatus.Succeeded, customers.Status);
        Assert.Equal(1, customers.Warnings);
        var row = await harness.QueryAsync($"SELECT balance, _gh_raw FROM {harness.Table("customers")} WHERE id = '{id}'");
        Assert.True(row.Rows[0][0] is null or DBNull);
        Assert.Contains("a lot", Convert.ToString(row.Rows[0][1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Complete_days_only_stops_the_window_at_midnight_utc(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("complete_days_only: true\nstreams: [customers]");
        var today = harness.Sandbox.Stripe.Data.Create("customers", c => c["email"] = "today@example.com");

        await harness.SyncAsync();

        Assert.DoesNotContain(today, await harness.LiveIdsAsync("customers"));
        var midnight = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).ToUnixTimeSeconds();
        await using var warehouse = harness.Warehouse.Open();
        var state = (await warehouse.ReadStateAsync("stripe.customers")).Single().Value;
        Assert.Equal(midnight, (long)state["cursor"]!["created"]!);
        Assert.All(harness.Sandbox.Stripe.RequestLog.Where(r => r.StartsWith("/v1/customers", StringComparison.Ordinal)),
            r => Assert.Contains($"created[lt]={midnight}", Uri.UnescapeDataString(r)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_second_run_is_refused_while_one_runs_or_waits_when_configured(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [customers]");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/customers", FaultKind.Slow, Delay: TimeSpan.FromSeconds(2)));
        var first = harness.SyncAsync();
        await WaitUntilAsync(() => harness.Sandbox.Stripe.RequestCount("/v1/customers") > 0);

        var refused = await Assert.ThrowsAsync<RunAlreadyInProgressException>(() => harness.SyncAsync());
        Assert.Contains("already running", refused.Message);

        harness.WriteConfig("streams: [customers]", top: "when_running: wait");
        var waited = await harness.SyncAsync();
        var firstSummary = await first;
        Assert.Equal(RunStatus.Succeeded, firstSummary.Status);
        Assert.Equal(RunStatus.Succeeded, waited.Status);
        Assert.True(waited.RunId > firstSummary.RunId);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Since_pulls_incrementally_from_a_date(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [invoices]");
        await harness.SyncAsync();
        harness.Sandbox.Stripe.ResetCounters();

        var since = DateTimeOffset.UtcNow.AddDays(-40);
        var summary = await harness.SyncAsync(new SyncRequest(Since: since));

        Assert.Equal(SyncMode.Incremental, harness.Stream(summary, "invoices").Mode);
        Assert.Contains(harness.Sandbox.Stripe.RequestLog, r => Uri.UnescapeDataString(r).Contains($"created[gte]={since.ToUnixTimeSeconds()}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_reconcile_period_that_has_passed_makes_the_next_run_a_full_refresh(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("reconcile: 2s\nstreams: [coupons]");
        await harness.SyncAsync();
        var soon = await harness.SyncAsync();
        Assert.Equal(SyncMode.Incremental, harness.Stream(soon, "coupons").Mode);
        harness.Sandbox.Stripe.Data.DeleteWithoutEvent("coupons", harness.Sandbox.Stripe.Data.Ids("coupons")[0]);

        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var later = await harness.SyncAsync();

        Assert.Equal(SyncMode.FullRefresh, harness.Stream(later, "coupons").Mode);
        Assert.Equal(1, harness.Stream(later, "coupons").Counts.Deleted);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Events_of_other_kinds_answered_to_a_filtered_request_land_in_no_table_and_are_warned_about(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Stripe.Data;
        var customer = data.Ids("customers")[^1];
        data.Update("customers", customer, c => c["email"] = "still.lands@example.com");
        data.Create("customers");
        data.Create("invoices");
        harness.Sandbox.Stripe.IgnoreEventTypeFilter = true;

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.All(summary.Streams, s => Assert.True(s.Warnings > 0, $"{s.Stream} was answered other kinds' events without a warning"));
        await AssertMatchesSandboxAsync(harness);
        var email = await harness.QueryAsync($"SELECT email FROM {harness.Table("customers")} WHERE id = '{customer}'");
        Assert.Equal("still.lands@example.com", email.Rows.Single()[0]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_replayed_event_whose_object_is_not_its_types_kind_is_skipped_with_one_warning(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [customers]");
        await harness.SyncAsync();
        var data = harness.Sandbox.Stripe.Data;
        var invoices = data.Ids("invoices");
        string[] emitted = [data.Emit("customer.updated", "invoices", invoices[0]), data.Emit("customer.updated", "invoices", invoices[1])];
        var warnings = new WarningRecorder();

        var summary = await harness.SyncAsync(observer: warnings);

        var customers = harness.Stream(summary, "customers");
        Assert.Equal(RunStatus.Succeeded, customers.Status);
        Assert.Equal((0, 0), (customers.Counts.New, customers.Counts.Updated));
        var warning = Assert.Single(warnings.Messages);
        Assert.Contains(emitted, id => warning.Contains($"skipped event {id} (customer.updated): its data.object.object is 'invoice', not 'customer'", StringComparison.Ordinal));
        Assert.Equal(1, customers.Warnings);
        Assert.DoesNotContain(invoices[0], await harness.LiveIdsAsync("customers"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_replayed_event_without_its_object_is_skipped_with_a_warning(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [customers]");
        await harness.SyncAsync();
        var data = harness.Sandbox.Stripe.Data;
        var customer = data.Ids("customers")[^1];
        data.Emit("customer.updated", "customers", customer, e => e.Remove("data"));
        data.Update("customers", data.Ids("customers")[^2], c => c["email"] = "lands.anyway@example.com");
        var warnings = new WarningRecorder();

        var summary = await harness.SyncAsync(observer: warnings);

        var customers = harness.Stream(summary, "customers");
        Assert.Equal(RunStatus.Succeeded, customers.Status);
        Assert.Equal(1, customers.Counts.Updated);
        Assert.Contains("skipped an event without an id, type, created time or data.object", Assert.Single(warnings.Messages));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }
}
