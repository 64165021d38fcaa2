using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>
/// Stripe stamps events to the second and sends them in no guaranteed order: snapshots of one invoice from the same
/// second, delivered or replayed in any order, and a synced snapshot of that second, end at the invoice's latest
/// lifecycle state (draft &lt; open &lt; paid), never back at an earlier one.
/// </summary>
public sealed class StripeSameSecondTests
{
    private static readonly string[] Lifecycle = ["invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded"];

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static IEnumerable<string[]> Orders(string[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany((first, i) => Orders([.. items[..i], .. items[(i + 1)..]]).Select(rest => (string[])[first, .. rest]));

    /// <summary>A draft invoice, finalized and paid in one second of the fake's clock: its events by type (one second per invoice).</summary>
    private static Dictionary<string, string> DraftFinalizedPaid(VendorWebhookHarness harness, Action<JsonObject>? init = null)
    {
        var data = harness.Sandbox.Stripe.Data;
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var id = data.Create("invoices", init);
        data.FinalizeInvoice(id);
        data.PayInvoice(id);

        // Create emits 1 event, finalize 2 (updated, finalized) and pay 3 (updated, paid, payment_succeeded): this second's.
        var events = data.Ids("events").Take(6).Select(e => (Id: e, Json: JsonNode.Parse(data.Event(e))!)).ToList();
        Assert.All(events, e => Assert.Equal(id, (string?)e.Json["data"]!["object"]!["id"]));
        Assert.Single(events.Select(e => (long)e.Json["created"]!).Distinct());
        return events.Where(e => Lifecycle.Contains((string?)e.Json["type"])).ToDictionary(e => (string)e.Json["type"]!, e => e.Id);
    }

    private static async Task AssertPaidAsync(VendorWebhookHarness harness, string id, string how)
    {
        var row = await harness.RowAsync("invoices", id);
        Assert.True(row is not null, $"{id} ({how}) did not land");
        Assert.True((string?)row["status"] == "paid" && row["paid_at"] is not null, $"{id} ({how}): status {row["status"]}, paid_at {row["paid_at"]}");
        Assert.False((bool)row["_deleted"]!);
    }

    private static async Task<long> AsOfSecondAsync(VendorWebhookHarness harness, string id)
    {
        var value = (await harness.QueryAsync($"SELECT _gh_as_of FROM {harness.Table("invoices")} WHERE id = '{id}'")).Rows.Single()[0];
        return value switch
        {
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds(),
            DateTimeOffset instant => instant.ToUnixTimeSeconds(),
            _ => DateTimeOffset.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeSeconds(),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Same_second_invoice_events_delivered_in_every_order_leave_the_invoice_paid(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var orders = Orders(Lifecycle).ToList();
        Assert.Equal(24, orders.Count);

        foreach (var order in orders)
        {
            var events = DraftFinalizedPaid(harness);
            var id = (string)JsonNode.Parse(harness.Sandbox.Stripe.Data.Event(events["invoice.paid"]))!["data"]!["object"]!["id"]!;
            foreach (var type in order)
            {
                Assert.Contains(await harness.SendStripeEventAsync(events[type]), new[] { "applied", "stale", "unchanged" });
            }

            await AssertPaidAsync(harness, id, string.Join(" → ", order));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Same_second_invoice_events_replayed_by_a_sync_leave_each_invoice_paid(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        // Created before the incremental run's list window, so only their events (all of one second each) land them.
        var old = DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeSeconds();
        var invoices = Enumerable.Range(0, 8)
            .Select(_ => DraftFinalizedPaid(harness, invoice => invoice["created"] = old))
            .Select(events => (string)JsonNode.Parse(harness.Sandbox.Stripe.Data.Event(events["invoice.paid"]))!["data"]!["object"]!["id"]!)
            .ToList();

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(invoices.Count, summary.Streams.Single(s => s.Stream == "stripe.invoices").Counts.New);
        foreach (var id in invoices)
        {
            await AssertPaidAsync(harness, id, "replayed");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_synced_invoice_ignores_an_earlier_stage_from_its_second_and_takes_a_later_one(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var data = harness.Sandbox.Stripe.Data;
        var open = data.Create("invoices");
        data.FinalizeInvoice(open);
        var paid = data.Ids("invoices").First(id => (string?)data.Get("invoices", id)["status"] == "paid");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        // The paid invoice as it was when it was still open, stamped in the second the sync read it.
        var stale = data.Get("invoices", paid);
        stale["status"] = "open";
        stale["amount_paid"] = 0;
        stale["status_transitions"]!["paid_at"] = null;
        var staleSecond = await AsOfSecondAsync(harness, paid);
        Assert.Equal("stale", await harness.SendStripeAsync(StripeEvents.Of("evt_stale_open", "invoice.finalized", staleSecond, stale)));
        await AssertPaidAsync(harness, paid, "synced paid, then open of the same second");

        // The open invoice paid in the second the sync read it open.
        var later = data.Get("invoices", open);
        var laterSecond = await AsOfSecondAsync(harness, open);
        later["status"] = "paid";
        later["amount_paid"] = later["amount_due"]!.DeepClone();
        later["status_transitions"]!["paid_at"] = laterSecond;
        Assert.Equal("applied", await harness.SendStripeAsync(StripeEvents.Of("evt_later_paid", "invoice.paid", laterSecond, later)));
        await AssertPaidAsync(harness, open, "synced open, then paid of the same second");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_removal_outlasts_every_other_snapshot_of_its_second_in_either_order(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var data = harness.Sandbox.Stripe.Data;
        foreach (var deletedFirst in new[] { true, false })
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            var draft = data.Create("invoices");
            var customer = data.Create("customers");
            Assert.Equal("applied", await harness.SendStripeEventAsync(harness.NewestStripeEvent("invoice.created", draft)));
            Assert.Equal("applied", await harness.SendStripeEventAsync(harness.NewestStripeEvent("customer.created", customer)));
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            data.Update("invoices", draft, i => i["description"] = "Last words");
            data.Update("customers", customer, c => c["name"] = "Last words");
            data.Delete("invoices", draft);
            data.Delete("customers", customer);
            string[][] pairs =
            [
                [harness.NewestStripeEvent("invoice.deleted", draft), harness.NewestStripeEvent("invoice.updated", draft)],
                [harness.NewestStripeEvent("customer.deleted", customer), harness.NewestStripeEvent("customer.updated", customer)],
            ];

            foreach (var pair in pairs)
            {
                foreach (var eventId in deletedFirst ? pair : pair.Reverse())
                {
                    await harness.SendStripeEventAsync(eventId);
                }
            }

            Assert.True((bool)(await harness.RowAsync("invoices", draft))!["_deleted"]!, $"invoice, deleted first: {deletedFirst}");
            Assert.True((bool)(await harness.RowAsync("customers", customer))!["_deleted"]!, $"customer, deleted first: {deletedFirst}");
        }
    }
}
