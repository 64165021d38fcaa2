using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Webhooks;

namespace Greenhouse.Tests.Webhooks;

/// <summary>
/// Two Stripe snapshots of one object at the same lifecycle stage in the same second tie: neither is later by its
/// stamp. The receiver settles the tie with the object as the API serves it now (GET /v1/invoices/{id}), within a
/// budget a minute; spent, or the object gone or unreadable, it keeps the stored row and warns. Never the key in a log.
/// </summary>
public sealed class StripeTieRefetchTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    /// <summary>
    /// A draft invoice updated twice in one second of the fake's clock (two <c>invoice.updated</c>, metadata note
    /// "first" and "second"), then once more in that second without its event reaching the receiver (note "now"): what
    /// the API serves now.
    /// </summary>
    private static (string Id, string First, string Second) TwoUpdatesInOneSecond(VendorWebhookHarness harness, string resource = "invoices")
    {
        var data = harness.Sandbox.Stripe.Data;
        var type = resource == "invoices" ? "invoice.updated" : "customer.updated";
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var id = data.Create(resource);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        data.Update(resource, id, o => o["metadata"] = new JsonObject { ["note"] = "first" });
        var first = harness.NewestStripeEvent(type, id);
        data.Update(resource, id, o => o["metadata"] = new JsonObject { ["note"] = "second" });
        var second = harness.NewestStripeEvent(type, id, except: first);
        data.Update(resource, id, o => o["metadata"] = new JsonObject { ["note"] = "now" });
        Assert.Equal(
            (long)JsonNode.Parse(data.Event(first))!["created"]!,
            (long)JsonNode.Parse(data.Event(second))!["created"]!);
        return (id, first, second);
    }

    private static async Task<string?> NoteAsync(VendorWebhookHarness harness, string id, string stream = "invoices")
    {
        var raw = (await harness.QueryAsync($"SELECT _gh_raw FROM {harness.Table(stream)} WHERE id = '{id}'")).Rows.Single()[0];
        return (string?)JsonNode.Parse(Convert.ToString(raw, CultureInfo.InvariantCulture)!)!["metadata"]?["note"];
    }

    private static int Retrievals(VendorWebhookHarness harness, string id) =>
        harness.Sandbox.Stripe.RequestLog.Count(entry => entry.EndsWith("/" + id, StringComparison.Ordinal));

    private static List<string> TieWarnings(VendorWebhookHarness harness) => [.. harness.Host.Logs.Where(l => l.Contains("kept the stored row", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Two_same_second_updates_with_other_content_end_with_what_the_API_serves_now_in_either_order(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        foreach (var firstFirst in new[] { true, false })
        {
            var (id, first, second) = TwoUpdatesInOneSecond(harness);

            Assert.Equal("applied", await harness.SendStripeEventAsync(firstFirst ? first : second));
            Assert.Equal(0, Retrievals(harness, id));
            Assert.Equal("applied", await harness.SendStripeEventAsync(firstFirst ? second : first));

            Assert.Equal("now", await NoteAsync(harness, id));
            Assert.Equal(1, Retrievals(harness, id));
            Assert.Equal("applied", await harness.OutcomeAsync(firstFirst ? second : first));
        }

        Assert.Empty(TieWarnings(harness));
        Assert.DoesNotContain(harness.Host.Logs, l => l.Contains(harness.Key, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Two_same_second_updates_delivered_at_once_end_with_what_the_API_serves_now(string kind)
    {
        // Neither finds the other stored when it arrives: without a lock per object both are settled against nothing,
        // share one commit group, and the one applied last wins whatever the object says now.
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        for (var round = 0; round < 4; round++)
        {
            var (id, first, second) = TwoUpdatesInOneSecond(harness);

            var outcomes = await Task.WhenAll(harness.SendStripeEventAsync(first), harness.SendStripeEventAsync(second));

            Assert.Equal(["applied", "applied"], outcomes);
            Assert.Equal("now", await NoteAsync(harness, id));
            Assert.Equal(1, Retrievals(harness, id));
        }

        Assert.Empty(TieWarnings(harness));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_redelivered_snapshot_or_an_older_one_reads_nothing_from_the_API(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var (id, first, second) = TwoUpdatesInOneSecond(harness);
        Assert.Equal("applied", await harness.SendStripeEventAsync(second));
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        harness.Sandbox.Stripe.Data.Update("invoices", id, o => o["metadata"] = new JsonObject { ["note"] = "later" });
        Assert.Equal("applied", await harness.SendStripeEventAsync(harness.NewestStripeEvent("invoice.updated", id)));

        Assert.Equal("duplicate", await harness.SendStripeEventAsync(second));
        Assert.Equal("stale", await harness.SendStripeEventAsync(first));

        Assert.Equal("later", await NoteAsync(harness, id));
        Assert.Equal(0, Retrievals(harness, id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_spent_budget_keeps_the_stored_row_and_warns_until_the_minute_has_passed(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind, "webhook_refetch_per_minute: 1");
        var (settled, settledFirst, settledSecond) = TwoUpdatesInOneSecond(harness);
        var (kept, keptFirst, keptSecond) = TwoUpdatesInOneSecond(harness);

        Assert.Equal("applied", await harness.SendStripeEventAsync(settledFirst));
        Assert.Equal("applied", await harness.SendStripeEventAsync(settledSecond));
        Assert.Equal("applied", await harness.SendStripeEventAsync(keptSecond));
        Assert.Equal("stale", await harness.SendStripeEventAsync(keptFirst));

        Assert.Equal("now", await NoteAsync(harness, settled));
        Assert.Equal("second", await NoteAsync(harness, kept));
        Assert.Equal(0, Retrievals(harness, kept));
        Assert.Equal("stale", await harness.OutcomeAsync(keptFirst));
        var warning = Assert.Single(TieWarnings(harness));
        Assert.Contains(kept, warning);
        Assert.Contains("budget of 1 a minute is spent", warning);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_budget_of_zero_never_reads_the_API_and_keeps_the_first_snapshot_landed(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind, "webhook_refetch_per_minute: 0");
        var (id, first, second) = TwoUpdatesInOneSecond(harness);

        Assert.Equal("applied", await harness.SendStripeEventAsync(first));
        Assert.Equal("stale", await harness.SendStripeEventAsync(second));

        Assert.Equal("first", await NoteAsync(harness, id));
        Assert.Equal(0, Retrievals(harness, id));
        Assert.Contains("webhook_refetch_per_minute is 0", Assert.Single(TieWarnings(harness)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_tied_object_the_API_no_longer_has_keeps_its_stored_row_until_its_deletion_lands(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind);
        var data = harness.Sandbox.Stripe.Data;
        // An invoice Stripe answers 404 for, and a customer it answers a deleted stub for.
        foreach (var (resource, type) in new[] { ("invoices", "invoice.deleted"), ("customers", "customer.deleted") })
        {
            var (id, first, second) = TwoUpdatesInOneSecond(harness, resource);
            data.Delete(resource, id);

            Assert.Equal("applied", await harness.SendStripeEventAsync(first));
            Assert.Equal("stale", await harness.SendStripeEventAsync(second));

            Assert.Equal("first", await NoteAsync(harness, id, resource));
            Assert.False((bool)(await harness.RowAsync(resource, id))!["_deleted"]!);
            Assert.Equal(1, Retrievals(harness, id));
            Assert.Contains(TieWarnings(harness), w => w.Contains(id, StringComparison.Ordinal) && w.Contains("no longer has the object", StringComparison.Ordinal));

            Assert.Equal("deleted", await harness.SendStripeEventAsync(harness.NewestStripeEvent(type, id)));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_refused_key_keeps_the_stored_row_and_the_warning_names_its_variable_never_its_value(string kind)
    {
        const string key = "rk_void_refusedByTheFake0123456789";
        await using var harness = await VendorWebhookHarness.StartAsync("stripe", kind, key: key);
        var (id, first, second) = TwoUpdatesInOneSecond(harness);

        Assert.Equal("applied", await harness.SendStripeEventAsync(first));
        Assert.Equal("stale", await harness.SendStripeEventAsync(second));

        Assert.Equal("first", await NoteAsync(harness, id));
        Assert.Equal(1, Retrievals(harness, id));
        var warning = Assert.Single(TieWarnings(harness));
        Assert.Contains(harness.KeyVariable, warning);
        Assert.DoesNotContain(harness.Host.Logs, l => l.Contains(key, StringComparison.Ordinal) || l.Contains(key[8..], StringComparison.Ordinal));
    }

    [Fact]
    public void The_budget_counts_each_source_over_the_last_minute()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var budget = new WebhookRefetchBudget(clock);

        Assert.True(budget.TryTake("stripe", 2));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(budget.TryTake("stripe", 2));
        Assert.False(budget.TryTake("stripe", 2));
        Assert.True(budget.TryTake("stripe_eu", 2));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(budget.TryTake("stripe", 2));
        Assert.False(budget.TryTake("stripe", 2));
    }
}
