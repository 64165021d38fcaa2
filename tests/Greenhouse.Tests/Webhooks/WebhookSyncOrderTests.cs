using System.Net;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>Webhooks and syncs write the same rows: whichever snapshot is newer wins, in either order.</summary>
public sealed class WebhookSyncOrderTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static async Task<(SourceHarness Harness, WebhookHost Host, WebhookSender Sender)> StartAsync(string kind)
    {
        var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.SetVariable(WebhookHost.SecretVariable, WebhookHost.Secret);
        harness.WriteConfig(source: $"webhook_secret: ${{{WebhookHost.SecretVariable}}}");
        var config = harness.LoadConfig();
        var warehouse = harness.Warehouse.Open();
        var host = await WebhookHost.StartAsync(config, warehouse, TimeProvider.System);
        return (harness, host, new WebhookSender(host.Http, WebhookHost.Secret));
    }

    private static async Task<string> EmailAsync(SourceHarness harness, string id) =>
        (string)(await harness.QueryAsync($"SELECT email FROM {harness.Table("customers")} WHERE id = '{id}'")).Rows[0][0]!;

    private static async Task<string> SendAsync(WebhookHost host, WebhookSender sender, byte[] body)
    {
        using var response = await sender.SendStripeAsync(host.Url(), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Webhook_snapshot_newer_than_the_synced_row_wins_and_an_older_one_does_not(string kind)
    {
        var (harness, host, sender) = await StartAsync(kind);
        await using var _ = harness;
        await using var __ = host;
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var id = harness.Sandbox.Stripe.Data.Ids("customers")[0];
        var synced = await EmailAsync(harness, id);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var older = await SendAsync(host, sender, StripeEvents.Customer("evt_old", "customer.updated", now - 86400, id, "old@example.com"));
        Assert.Equal("""{"status":"stale"}""", older);
        Assert.Equal(synced, await EmailAsync(harness, id));

        var newer = await SendAsync(host, sender, StripeEvents.Customer("evt_new", "customer.updated", now + 60, id, "new@example.com"));
        Assert.Equal("""{"status":"applied"}""", newer);
        Assert.Equal("new@example.com", await EmailAsync(harness, id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Sync_after_a_webhook_keeps_the_newer_webhook_snapshot_and_replaces_an_older_one(string kind)
    {
        var (harness, host, sender) = await StartAsync(kind);
        await using var _ = harness;
        await using var __ = host;
        var ids = harness.Sandbox.Stripe.Data.Ids("customers");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await SendAsync(host, sender, StripeEvents.Customer("evt_future", "customer.updated", now + 3600, ids[0], "future@example.com"));
        await SendAsync(host, sender, StripeEvents.Customer("evt_past", "customer.updated", now - 3600, ids[1], "past@example.com"));

        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        Assert.Equal("future@example.com", await EmailAsync(harness, ids[0]));
        Assert.Equal((string?)harness.Sandbox.Stripe.Data.Get("customers", ids[1])["email"], await EmailAsync(harness, ids[1]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Events_of_the_fake_account_sent_twice_and_out_of_order_land_like_a_sync(string kind)
    {
        var (harness, host, sender) = await StartAsync(kind);
        await using var _ = harness;
        await using var __ = host;
        var data = harness.Sandbox.Stripe.Data;
        var id = data.Ids("customers")[0];
        data.Update("customers", id, c => c["email"] = "first@example.com");
        data.Update("customers", id, c => c["email"] = "second@example.com");
        var events = data.Ids("events").Take(2).ToList();

        var results = await sender.SendStripeEventsAsync(host.Url(), data, events, new WebhookDelivery(Replay: true, Reorder: true));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(2, results.Count(r => r.Body.Contains("duplicate", StringComparison.Ordinal)));
        Assert.Equal("second@example.com", await EmailAsync(harness, id));
    }
}
