using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Notifications;

public sealed class AlertStoreTests
{
    private static readonly DateTimeOffset Since = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Saved_alerts_read_back_as_they_were_written(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = await test.OpenMigratedAsync();

        await warehouse.SaveAlertAsync(new AlertRecord("failing:stripe.customers", "failing", Since, null, "stripe: HTTP 401"));
        await warehouse.SaveAlertAsync(new AlertRecord("stale:stripe.charges", "stale", Since.AddHours(-1), Since, null));

        var alerts = await warehouse.ReadAlertsAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(new AlertRecord("failing:stripe.customers", "failing", Since, null, "stripe: HTTP 401"), alerts["failing:stripe.customers"]);
        Assert.Equal(new AlertRecord("stale:stripe.charges", "stale", Since.AddHours(-1), Since, null), alerts["stale:stripe.charges"]);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Saving_an_existing_key_replaces_it_and_deleting_removes_it(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = await test.OpenMigratedAsync();

        await warehouse.SaveAlertAsync(new AlertRecord("failing:stripe.customers", "failing", Since, null, "first"));
        await warehouse.SaveAlertAsync(new AlertRecord("failing:stripe.customers", "failing", Since, Since.AddHours(6), "second"));
        var replaced = Assert.Single(await warehouse.ReadAlertsAsync()).Value;
        Assert.Equal(Since.AddHours(6), replaced.LastNotifiedAt);
        Assert.Equal("second", replaced.Detail);

        await warehouse.DeleteAlertAsync("failing:stripe.customers");
        await warehouse.DeleteAlertAsync("failing:never.there");
        Assert.Empty(await warehouse.ReadAlertsAsync());
    }
}
