using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

/// <summary>
/// Which Stripe <c>*.deleted</c> events mean the object is gone, as Stripe documents it: a deleted customer, product,
/// price, coupon or draft invoice no longer exists (soft-deleted); a "deleted" subscription ended and Stripe still
/// returns it (status canceled), so its row stays live and a full refresh does not flip it back.
/// </summary>
public sealed class StripeDeletionTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Fact]
    public void Each_deleted_event_type_removes_the_row_only_where_stripe_deletes_the_object()
    {
        var decided = StripeConnector.Definitions
            .SelectMany(d => d.EventTypes.Where(t => t.EndsWith(".deleted", StringComparison.Ordinal)).Select(t => (t, d.RemovedBy.Contains(t))))
            .ToDictionary();

        Assert.Equal(new Dictionary<string, bool>
        {
            ["customer.deleted"] = true,
            ["product.deleted"] = true,
            ["price.deleted"] = true,
            ["coupon.deleted"] = true,
            ["invoice.deleted"] = true,
            ["customer.subscription.deleted"] = false,
        }, decided);
        Assert.All(StripeConnector.Definitions, d => Assert.All(d.RemovedBy, t => Assert.Contains(t, d.EventTypes)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_canceled_subscription_stays_a_live_row_through_incremental_runs_and_full_refreshes(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [subscriptions]");
        var data = harness.Sandbox.Stripe.Data;
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var canceled = data.Ids("subscriptions").First(id => (string?)data.Get("subscriptions", id)["status"] == "active");
        data.Delete("subscriptions", canceled);

        // The generated account's own customer.subscription.deleted events of the last 30 days are replayed too.
        var incremental = harness.Stream(await harness.SyncAsync(), "subscriptions");
        var full = harness.Stream(await harness.SyncAsync(new SyncRequest(FullRefresh: true)), "subscriptions");

        Assert.Equal(SyncMode.Incremental, incremental.Mode);
        Assert.Equal(0, incremental.Counts.Deleted);
        Assert.Equal(1, incremental.Counts.Updated);
        Assert.Equal((0, 0, 0), (full.Counts.Deleted, full.Counts.Updated, full.Counts.New));
        var row = await harness.QueryAsync($"SELECT status, _gh_deleted_at FROM {harness.Table("subscriptions")} WHERE id = '{canceled}'");
        Assert.Equal("canceled", row.Rows.Single()[0]);
        Assert.True(row.Rows.Single()[1] is null or DBNull);
        Assert.Equal(0, await harness.ScalarAsync<long>($"SELECT COUNT(*) FROM {harness.Table("subscriptions")} WHERE _gh_deleted_at IS NOT NULL"));
        Assert.True(data.Ids("subscriptions").ToHashSet().SetEquals(await harness.LiveIdsAsync("subscriptions")));
        Assert.Contains(data.Ids("subscriptions"), id => (string?)data.Get("subscriptions", id)["status"] == "canceled" && id != canceled);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_deleted_draft_invoice_is_soft_deleted_by_the_next_incremental_run(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [invoices]");
        var data = harness.Sandbox.Stripe.Data;
        var draft = data.Create("invoices");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        data.Delete("invoices", draft);
        var incremental = harness.Stream(await harness.SyncAsync(), "invoices");

        Assert.True(incremental.Counts.Deleted == 1, $"{incremental.Counts} {incremental.Error} {incremental.Warnings}");
        Assert.DoesNotContain(draft, await harness.LiveIdsAsync("invoices"));
        var paid = data.Ids("invoices").First(id => (string?)data.Get("invoices", id)["status"] == "paid");
        Assert.Throws<InvalidOperationException>(() => data.Delete("invoices", paid));
    }
}
