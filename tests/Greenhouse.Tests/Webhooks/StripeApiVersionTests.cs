using System.Text.Json.Nodes;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>
/// Events rendered in another Stripe API version than the pinned 2025-02-24.acacia (a webhook endpoint or an account on
/// 2025-03-31.basil or 2020-08-27, as the fake renders them): each typed column reads that version's shape, so a newer
/// snapshot does not blank what a sync filled, and the first event of each other version warns once.
/// </summary>
public sealed class StripeApiVersionTests
{
    private const string Basil = "2025-03-31.basil";
    private const string Legacy = "2020-08-27";

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static bool Has(JsonNode? node) => node is JsonObject or JsonValue;

    /// <summary>Changes the object's metadata in the account's current version and returns the event that carries it.</summary>
    private static string Touch(VendorWebhookHarness harness, string resource, string id)
    {
        harness.Sandbox.Stripe.Data.Update(resource, id, o => o["metadata"] = new JsonObject { ["touched"] = Guid.NewGuid().ToString("N") });
        return harness.NewestStripeEvent(resource switch
        {
            "subscriptions" => "customer.subscription.updated",
            _ => resource[..^1] + ".updated",
        }, id);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Webhooks_in_the_newest_api_version_keep_every_column_a_sync_filled_that_the_version_still_sends(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var data = harness.Sandbox.Stripe.Data;
        var subscription = data.Ids("subscriptions").First(id => Has(data.Get("subscriptions", id)["discount"]));
        var invoice = data.Ids("invoices").First(id => Has(data.Get("invoices", id)["subscription"]));
        var charge = data.Ids("charges").First(id => Has(data.Get("charges", id)["invoice"]));
        var synced = new Dictionary<string, Dictionary<string, object?>>
        {
            ["subscriptions"] = (await harness.RowAsync("subscriptions", subscription))!,
            ["invoices"] = (await harness.RowAsync("invoices", invoice))!,
            ["charges"] = (await harness.RowAsync("charges", charge))!,
        };
        Assert.All(synced.Values, row => Assert.All(
            new[] { "coupon", "current_period_start", "current_period_end", "subscription", "invoice" }.Where(row.ContainsKey),
            column => Assert.NotNull(row[column])));

        harness.SetClockToRealTime();
        data.ApiVersion = Basil;
        var events = new[] { Touch(harness, "subscriptions", subscription), Touch(harness, "invoices", invoice), Touch(harness, "charges", charge) };
        foreach (var eventId in events)
        {
            Assert.Equal("applied", await harness.SendStripeEventAsync(eventId));
        }

        // What 2025-03-31.basil no longer sends at all (a charge's invoice; a subscription's coupon, its discounts being
        // ids) cannot be read; every other column holds what the sync landed.
        var lost = new Dictionary<string, string> { ["subscriptions"] = "coupon", ["charges"] = "invoice" };
        foreach (var (stream, id) in new[] { ("subscriptions", subscription), ("invoices", invoice), ("charges", charge) })
        {
            var row = (await harness.RowAsync(stream, id))!;
            Assert.NotEqual(synced[stream]["_gh_hash"], row["_gh_hash"]);
            foreach (var (column, value) in synced[stream].Where(c => c.Key is not ("_gh_hash" or "_deleted")))
            {
                Assert.True(lost.GetValueOrDefault(stream) == column ? row[column] is null : Equals(value, row[column]),
                    $"{stream}.{column}: synced {value}, after the {Basil} webhook {row[column]}");
            }
        }

        var raw = data.Get("subscriptions", subscription);
        Assert.True(raw.ContainsKey("current_period_start"), "the fake keeps its own shape; only the events are basil");
        var warning = Assert.Single(harness.Host.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(Basil, StringComparison.Ordinal));
        Assert.Contains("subscriptions.coupon", warning);
        Assert.Contains("Pin the webhook endpoint's API version to 2025-02-24.acacia", warning);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_webhook_in_an_older_api_version_reads_the_currency_from_the_first_items_price(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var data = harness.Sandbox.Stripe.Data;
        var subscription = data.Ids("subscriptions")[0];
        var synced = (await harness.RowAsync("subscriptions", subscription))!;
        harness.SetClockToRealTime();
        data.ApiVersion = Legacy;

        var eventId = Touch(harness, "subscriptions", subscription);
        Assert.Equal("applied", await harness.SendStripeEventAsync(eventId));

        var sent = JsonNode.Parse(data.Event(eventId))!;
        Assert.Equal(Legacy, (string?)sent["api_version"]);
        Assert.False(sent["data"]!["object"]!.AsObject().ContainsKey("currency"));
        var row = (await harness.RowAsync("subscriptions", subscription))!;
        Assert.NotNull(synced["currency"]);
        Assert.Equal(synced["currency"], row["currency"]);
        Assert.Single(harness.Host.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(Legacy, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_webhook_receiver_warns_once_for_each_other_api_version_and_never_for_the_pinned_one(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var data = harness.Sandbox.Stripe.Data;
        var customers = data.Ids("customers");
        var sent = new List<string> { Touch(harness, "customers", customers[0]) };
        data.ApiVersion = Basil;
        sent.Add(Touch(harness, "customers", customers[1]));
        sent.Add(Touch(harness, "customers", customers[2]));
        data.ApiVersion = Legacy;
        sent.Add(Touch(harness, "customers", customers[3]));

        foreach (var eventId in sent)
        {
            Assert.Equal("applied", await harness.SendStripeEventAsync(eventId));
        }

        var warnings = harness.Host.Logs.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Single(warnings, w => w.Contains($"API version {Basil}, not the pinned 2025-02-24.acacia", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Contains($"API version {Legacy}, not the pinned 2025-02-24.acacia", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Contains("until the receiver restarts", w));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_sync_replaying_events_of_another_api_version_fills_the_columns_and_warns_once_in_the_run(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var data = harness.Sandbox.Stripe.Data;
        var old = DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeSeconds();
        var subscriptions = data.Ids("subscriptions").Where(id => (long)data.Get("subscriptions", id)["created"]! < old).Take(2).ToList();
        var invoice = data.Ids("invoices").First(id => Has(data.Get("invoices", id)["subscription"]) && (long)data.Get("invoices", id)["created"]! < old);
        var synced = (await harness.RowAsync("subscriptions", subscriptions[0]))!;
        var syncedInvoice = (await harness.RowAsync("invoices", invoice))!;
        harness.SetClockToRealTime(0);
        await Task.Delay(10); // the next run's window ends after the fake's now
        data.ApiVersion = Basil;
        Touch(harness, "subscriptions", subscriptions[0]);
        Touch(harness, "subscriptions", subscriptions[1]);
        Touch(harness, "invoices", invoice);

        var (summary, warnings) = await harness.SyncWithWarningsAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var drift = Assert.Single(warnings);
        Assert.Contains($"API version {Basil}, not the pinned 2025-02-24.acacia", drift.Message);
        Assert.Contains("in this run", drift.Message);
        Assert.Equal(2, summary.Streams.Single(s => s.Stream == "stripe.subscriptions").Counts.Updated);
        var row = (await harness.RowAsync("subscriptions", subscriptions[0]))!;
        Assert.NotEqual(synced["_gh_hash"], row["_gh_hash"]);
        foreach (var column in new[] { "current_period_start", "current_period_end", "currency", "price", "status" })
        {
            Assert.NotNull(row[column]);
            Assert.Equal(synced[column], row[column]);
        }

        Assert.Equal(syncedInvoice["subscription"], (await harness.RowAsync("invoices", invoice))!["subscription"]);

        var again = await harness.SyncWithWarningsAsync();
        Assert.Single(again.Warnings); // a new run warns again, once
    }
}
