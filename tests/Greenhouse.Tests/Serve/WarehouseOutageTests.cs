using System.Net;
using Greenhouse.Serve;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests.Serve;

/// <summary>
/// PostgreSQL down when serve starts, then up, then down and up again: not ready (and webhooks 503) while it is
/// down, the scheduled catch-up is retried until it runs, and syncs work again after the restart.
/// </summary>
public sealed class WarehouseOutageTests
{
    [Fact]
    public async Task Serve_waits_out_a_PostgreSQL_outage_and_recovers_when_it_is_back()
    {
        await using var postgres = await DisposablePostgres.StartAsync();
        await postgres.StopServerAsync();
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [coupons]");
        var loaded = harness.LoadConfig();
        var stripe = loaded.Sources[0] with { WebhookSecret = new Greenhouse.Config.Credential("whsec_outage_test", "sources.stripe.webhook_secret", null) };
        var config = loaded with { Warehouse = Greenhouse.Warehouse.WarehouseSetting.Parse(postgres.ConnectionString), Schema = "raw", Sources = [stripe] };
        var logs = new ListLoggerProvider();
        await using var app = TestHost.Build(
            config, new ServeOptions { Scheduler = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(200) } }, logs);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Contains("could not catch up", logs.Logger.AllText);
        var sender = new Greenhouse.Sandbox.Webhooks.WebhookSender(http, "whsec_outage_test");
        var eventId = harness.Sandbox.Stripe.Data.Ids("events")[0];
        var webhook = new Uri(http.BaseAddress!, "/webhooks/stripe");
        using (var refused = await sender.SendStripeAsync(webhook, harness.Sandbox.Stripe.Data.Event(eventId)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        await postgres.StartServerAsync();
        await WaitForAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, () => logs.Logger.AllText);
        await using (var warehouse = WarehouseFactory.Open(config.Warehouse, config.Schema))
        {
            await WaitForAsync(async () => (await warehouse.ReadStreamRunsAsync()).Any(r => r.Status == RunStatus.Succeeded), () => logs.Logger.AllText);
        }

        using (var accepted = await sender.SendStripeAsync(webhook, harness.Sandbox.Stripe.Data.Event(eventId)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await postgres.StopServerAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        await postgres.StartServerAsync();
        await WaitForAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, () => logs.Logger.AllText);
        await using var synced = WarehouseFactory.Open(config);
        var after = await new SyncService(config, synced).RunAsync(new SyncRequest());
        Assert.Equal(RunStatus.Succeeded, after.Status);
    }

    [Fact]
    public async Task A_scheduled_run_cut_off_by_a_PostgreSQL_restart_is_retried_when_it_is_back()
    {
        await using var postgres = await DisposablePostgres.StartAsync();
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [coupons]");
        harness.Sandbox.Stripe.Faults.Add(new Greenhouse.Sandbox.FaultRule("/v1/coupons", Greenhouse.Sandbox.FaultKind.Slow, Delay: TimeSpan.FromSeconds(2)));
        var config = harness.LoadConfig() with { Warehouse = Greenhouse.Warehouse.WarehouseSetting.Parse(postgres.ConnectionString), Schema = "raw" };
        var logs = new ListLoggerProvider();
        await using var app = TestHost.Build(
            config, new ServeOptions { Scheduler = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(200) } }, logs);
        await app.StartAsync();
        await WaitForAsync(() => Task.FromResult(harness.Sandbox.Stripe.RequestCount("/v1/coupons") == 1), () => logs.Logger.AllText);

        // The catch-up run is waiting on its first page when PostgreSQL goes away.
        await postgres.StopServerAsync();
        await WaitForAsync(() => Task.FromResult(logs.Logger.AllText.Contains("retry 1", StringComparison.Ordinal)), () => logs.Logger.AllText);
        await postgres.StartServerAsync();

        await using var warehouse = WarehouseFactory.Open(config.Warehouse, config.Schema);
        await WaitForAsync(async () => (await warehouse.ReadStreamRunsAsync()).Any(r => r.Status == RunStatus.Succeeded), () => logs.Logger.AllText);
        Assert.Equal(harness.Sandbox.Stripe.Data.Ids("coupons").ToHashSet(), await LiveIdsAsync(warehouse));
    }

    private static async Task<HashSet<string>> LiveIdsAsync(IWarehouse warehouse)
    {
        var rows = await warehouse.QueryAsync("SELECT id FROM raw.stripe_coupons WHERE _gh_deleted_at IS NULL");
        return [.. rows.Rows.Select(r => (string)r[0]!)];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string> explain)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or WarehouseException or System.Data.Common.DbException)
            {
                // Not yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail("timed out: " + explain());
            }

            await Task.Delay(100);
        }
    }
}
