using System.Text.Json.Nodes;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>What a Stripe event delivered to the receiver does to its row: which <c>*.deleted</c> events remove it, and which events land nowhere.</summary>
public sealed class StripeWebhookTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Customer_subscription_deleted_ends_the_subscription_and_keeps_its_row(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var data = harness.Sandbox.Stripe.Data;
        var subscription = data.Ids("subscriptions").First(id => (string?)data.Get("subscriptions", id)["status"] == "active");
        harness.SetClockToRealTime();

        data.Delete("subscriptions", subscription);

        Assert.Equal("applied", await harness.SendStripeEventAsync(harness.NewestStripeEvent("customer.subscription.deleted", subscription)));
        var row = (await harness.RowAsync("subscriptions", subscription))!;
        Assert.False((bool)row["_deleted"]!);
        Assert.Equal("canceled", row["status"]);
        Assert.NotNull(row["ended_at"]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Deleting_a_draft_invoice_soft_deletes_its_row(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var data = harness.Sandbox.Stripe.Data;
        var draft = data.Create("invoices");
        Assert.Equal("applied", await harness.SendStripeEventAsync(harness.NewestStripeEvent("invoice.created", draft)));
        harness.Clock.Advance(TimeSpan.FromSeconds(1));

        data.Delete("invoices", draft);

        Assert.Equal("deleted", await harness.SendStripeEventAsync(harness.NewestStripeEvent("invoice.deleted", draft)));
        Assert.True((bool)(await harness.RowAsync("invoices", draft))!["_deleted"]!);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_event_whose_object_is_not_its_types_kind_is_stored_without_landing_and_warned_about(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var data = harness.Sandbox.Stripe.Data;
        var invoice = data.Ids("invoices")[0];
        var customer = data.Ids("customers")[0];
        data.Update("customers", customer, c => c["name"] = "Lands");
        Assert.Equal("applied", await harness.SendStripeEventAsync(harness.NewestStripeEvent("customer.updated", customer)));

        var eventId = data.Emit("customer.updated", "invoices", invoice);

        Assert.Equal("stored", await harness.SendStripeEventAsync(eventId));
        Assert.Null(await harness.RowAsync("customers", invoice));
        Assert.Equal("stored", await harness.OutcomeAsync(eventId));
        Assert.Contains(harness.Host.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains($"{eventId} (customer.updated) lands in no table: its data.object.object is 'invoice', not 'customer'", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_event_without_an_object_kind_is_stored_without_landing(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal("applied", await harness.SendStripeAsync(StripeEvents.Customer("evt_kind", "customer.updated", now, "cus_kind", "kind@example.com")));
        var body = StripeEvents.Of("evt_no_kind", "customer.updated", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), new JsonObject { ["id"] = "cus_nokind", ["email"] = "x@example.com" });

        Assert.Equal("stored", await harness.SendStripeAsync(body));

        Assert.Null(await harness.RowAsync("customers", "cus_nokind"));
        Assert.Contains(harness.Host.Logs, l => l.Contains("its data.object.object is missing, not 'customer'", StringComparison.Ordinal));
    }
}
