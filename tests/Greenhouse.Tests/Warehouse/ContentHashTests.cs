using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using static Greenhouse.Tests.Warehouse.TestRows;

namespace Greenhouse.Tests.Warehouse;

/// <summary>The same content is the same row, however the vendor spelled it and wherever in a page it sat.</summary>
public sealed class ContentHashTests
{
    private static readonly StreamDescriptor Customers = new("stripe", new StripeConnector().Catalog.Single(d => d.Name == "customers"));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A customer as Stripe's API reference shows one (https://docs.stripe.com/api/customers/object).</summary>
    private static JsonObject Customer() => new()
    {
        ["id"] = "cus_NffrFeUfNV2Hib",
        ["object"] = "customer",
        ["address"] = null,
        ["balance"] = 0,
        ["created"] = 1680893993,
        ["currency"] = null,
        ["default_source"] = null,
        ["delinquent"] = false,
        ["description"] = null,
        ["email"] = "jennyrosen@example.com",
        ["invoice_prefix"] = "0759376C",
        ["invoice_settings"] = new JsonObject { ["custom_fields"] = null, ["default_payment_method"] = null, ["footer"] = null, ["rendering_options"] = null },
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["name"] = "Jenny Rosen",
        ["next_invoice_sequence"] = 1,
        ["phone"] = null,
        ["preferred_locales"] = new JsonArray(),
        ["shipping"] = null,
        ["tax_exempt"] = "none",
        ["test_clock"] = null,
    };

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_Stripe_object_as_a_list_element_and_as_an_events_page_data_object_is_unchanged(string kind)
    {
        // Stripe indents its answers, so the object inside an event (data[i].data.object) sits two levels deeper and
        // is spelled with more whitespace than the same object in a list (data[i]).
        var list = JsonSerializer.Serialize(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(Customer()),
            ["has_more"] = false,
            ["url"] = "/v1/customers",
        }, Indented);
        var events = JsonSerializer.Serialize(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = "evt_1NG8Du2eZvKYlo2CUI79vXWy",
                ["object"] = "event",
                ["api_version"] = "2024-06-20",
                ["created"] = 1680894000,
                ["data"] = new JsonObject { ["object"] = Customer(), ["previous_attributes"] = new JsonObject { ["name"] = "Jenny" } },
                ["type"] = "customer.updated",
            }),
            ["has_more"] = false,
            ["url"] = "/v1/events",
        }, Indented);
        using var listPage = JsonDocument.Parse(list);
        using var eventsPage = JsonDocument.Parse(events);
        var listed = listPage.RootElement.GetProperty("data")[0];
        var evented = eventsPage.RootElement.GetProperty("data")[0].GetProperty("data").GetProperty("object");
        Assert.NotEqual(listed.GetRawText(), evented.GetRawText());

        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var firstRun = await PrepareAsync(warehouse, Customers);
        var warnings = new List<string>();
        var first = RecordConverter.ToRow(Customers, new SourceRecord(listed, T0), 1, warnings);
        await warehouse.CommitBatchAsync(Batch(firstRun, [first], stream: Customers));
        var table = warehouse.TableSql(Customers);
        var before = await RowVersionsAsync(warehouse, table, kind);

        var secondRun = await warehouse.BeginRunAsync("test", T0.AddHours(1));
        var second = RecordConverter.ToRow(Customers, new SourceRecord(evented, T0.AddHours(1)), 1, warnings);
        var counts = await warehouse.CommitBatchAsync(Batch(secondRun, [second], now: T0.AddHours(1), stream: Customers));

        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.RawJson, second.RawJson);
        Assert.Equal(new BatchCounts(0, 0, 1, 0), counts);
        Assert.Equal(before, await RowVersionsAsync(warehouse, table, kind));
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_changed_value_deep_in_the_object_is_an_update(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse, Customers);
        var warnings = new List<string>();
        var original = Customer();
        var changed = Customer();
        changed["invoice_settings"]!["footer"] = "Thanks";
        using var one = JsonDocument.Parse(original.ToJsonString());
        using var two = JsonDocument.Parse(JsonSerializer.Serialize(changed, Indented));
        await warehouse.CommitBatchAsync(Batch(runId, [RecordConverter.ToRow(Customers, new SourceRecord(one.RootElement, T0), 1, warnings)], stream: Customers));

        var counts = await warehouse.CommitBatchAsync(Batch(runId, [RecordConverter.ToRow(Customers, new SourceRecord(two.RootElement, T0.AddHours(1)), 1, warnings)], stream: Customers));

        Assert.Equal(new BatchCounts(0, 1, 0, 0), counts);
    }
}
