using System.Globalization;
using Greenhouse.Sandbox.Demo;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Demo;

/// <summary>The demo's cross-source questions answer what the sandbox's own data say, on both warehouses.</summary>
public sealed class DemoQuestionsTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_share_of_shipped_backlog_items_from_paying_customers_matches_the_sandbox(string kind)
    {
        await using var harness = await SourceHarness.StartAsync([SandboxVendor.Linear, SandboxVendor.Stripe], kind);
        var summary = await harness.SyncAsync();
        Assert.Equal(RunStatus.Succeeded, summary.Status);

        var stripe = harness.Sandbox.Stripe.Data;
        var paying = stripe.Ids("subscriptions").Select(id => stripe.Get("subscriptions", id))
            .Where(s => (string?)s["status"] is "active" or "past_due")
            .Select(s => (string)s["customer"]!)
            .ToHashSet(StringComparer.Ordinal);
        var linear = harness.Sandbox.Linear.Data;
        var shipped = linear.Ids("issues").Select(id => linear.Get("issues", id))
            .Where(i => (string?)i["state"]?["type"] == "completed")
            .ToList();
        var fromPaying = shipped.Count(i => (string?)i["description"] is { Length: > 0 } text && paying.Any(c => text.Contains(c, StringComparison.Ordinal)));
        Assert.True(fromPaying > 0 && fromPaying < shipped.Count, $"the sandbox should have both kinds: {fromPaying} of {shipped.Count}");

        await using var warehouse = harness.Warehouse.Open();
        var question = DemoQuestions.For(warehouse).Single(q => q.Title.StartsWith("Shipped backlog items", StringComparison.Ordinal));
        var answer = (await warehouse.QueryAsync(question.Sql)).Rows.Single();

        Assert.Equal(shipped.Count, Convert.ToInt32(answer[0], CultureInfo.InvariantCulture));
        Assert.Equal(fromPaying, Convert.ToInt32(answer[1], CultureInfo.InvariantCulture));
        Assert.Equal(Math.Round(100.0 * fromPaying / shipped.Count, 1), Convert.ToDouble(answer[2], CultureInfo.InvariantCulture), 1);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Paying_customers_per_country_are_read_from_the_raw_json_with_arrow_operators(string kind)
    {
        await using var harness = await SourceHarness.StartAsync([SandboxVendor.Stripe], kind);
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        var stripe = harness.Sandbox.Stripe.Data;
        var paying = stripe.Ids("subscriptions").Select(id => stripe.Get("subscriptions", id))
            .Where(s => (string?)s["status"] is "active" or "past_due")
            .Select(s => (string)s["customer"]!)
            .ToHashSet(StringComparer.Ordinal);
        var expected = paying.Select(id => stripe.Get("customers", id))
            .GroupBy(c => (string?)c["address"]?["country"] ?? "(none)")
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.True(expected.Count > 1, "the sandbox's paying customers should live in more than one country");

        await using var warehouse = harness.Warehouse.Open();
        var question = DemoQuestions.For(warehouse).Single(q => q.Title.StartsWith("Paying customers per country", StringComparison.Ordinal));
        var rows = (await warehouse.QueryAsync(question.Sql)).Rows;

        Assert.Equal(Math.Min(5, expected.Count), rows.Count);
        Assert.All(rows, row => Assert.Equal(expected[(string)row[0]!], Convert.ToInt32(row[1], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Values.Max(), Convert.ToInt32(rows[0][1], CultureInfo.InvariantCulture));
    }
}
