using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Serve;
using Greenhouse.Sources;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greenhouse.Tests.Serve;

/// <summary>The serve host over real HTTP on 127.0.0.1: health, readiness, status, scheduled catch-up and a graceful stop.</summary>
public sealed class ServeHostTests
{
    private static async Task<(WebApplication App, HttpClient Http)> StartAsync(GreenhouseConfig config)
    {
        var app = TestHost.Build(config);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Serve_catches_up_on_start_and_reports_health_and_status(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("max_staleness: 3h\nstreams: [customers, coupons]");
        var (app, http) = await StartAsync(harness.LoadConfig());
        await using var _ = app;
        using var __ = http;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        JsonElement customers = default;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (customers.ValueKind == JsonValueKind.Undefined || customers.GetProperty("last_success").ValueKind == JsonValueKind.Null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the catch-up run never finished");
            await Task.Delay(100);
            var status = await http.GetFromJsonAsync<JsonElement>("/api/status");
            customers = status.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "stripe.customers");
        }

        Assert.Equal(harness.Sandbox.Stripe.Data.Count("customers"), customers.GetProperty("rows").GetInt64());
        Assert.Equal("succeeded", customers.GetProperty("last_status").GetString());
        Assert.Equal(3 * 3600, customers.GetProperty("max_staleness_seconds").GetDouble());
        Assert.False(customers.GetProperty("stale").GetBoolean());
        var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task A_scheduled_run_that_fails_is_announced_on_the_error_channel()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [prices]\nmax_retries: 0");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/prices", FaultKind.Status, Times: int.MaxValue, StatusCode: 401));
        var slack = new Uri($"{harness.Sandbox.VendorUrls["slack"]}/services/T0001/B0001/serve-secret-path");
        var config = harness.LoadConfig() with
        {
            Notifications = [new NotificationChannelConfig("alerts", "slack", new HashSet<NotificationLevel> { NotificationLevel.Error }, new Credential(slack.AbsoluteUri, "notifications.alerts.url", null), null, null, null)],
        };
        var (app, http) = await StartAsync(config);
        await using var _ = app;
        using var __ = http;

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (harness.Sandbox.Slack.Messages.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no Slack message arrived");
            await Task.Delay(50);
        }

        var message = harness.Sandbox.Slack.Messages[0].AllText;
        Assert.Contains("stripe.prices", message);
        Assert.Contains("rejected the API key", message);
        Assert.DoesNotContain(harness.Secret, message);
    }

    [Fact]
    public async Task Readyz_says_503_while_the_warehouse_is_unreachable_without_its_password()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var config = harness.LoadConfig() with { Warehouse = Greenhouse.Warehouse.WarehouseSetting.Parse("postgresql://greenhouse:topsecretpw@127.0.0.1:1/nowhere") };
        var (app, http) = await StartAsync(config);
        await using var _ = app;
        using var __ = http;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var ready = await http.GetAsync("/readyz");
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("unreachable", body);
        Assert.DoesNotContain("topsecretpw", body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/api/status")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Stopping_lets_the_current_page_commit_records_the_run_as_interrupted_and_a_rerun_repairs(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [invoices]");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/invoices", FaultKind.Slow, Times: int.MaxValue, Delay: TimeSpan.FromMilliseconds(300)));
        var (app, http) = await StartAsync(harness.LoadConfig());
        using var __ = http;
        await using (var warehouse = harness.Warehouse.Open())
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!(await TryRunsAsync(warehouse)).Any(r => r.Stream == "stripe.invoices" && r.Pages >= 1))
            {
                Assert.True(DateTime.UtcNow < deadline, "the scheduled run never committed a page");
                await Task.Delay(20);
            }
        }

        var watch = Stopwatch.StartNew();
        await app.StopAsync();
        await app.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");

        await using (var warehouse = harness.Warehouse.Open())
        {
            var run = (await warehouse.ReadStreamRunsAsync()).Single(r => r.Stream == "stripe.invoices");
            Assert.Equal(RunStatus.Interrupted, run.Status);
            Assert.InRange(run.Pages, 1, 4);
            Assert.Equal(run.Pages * 100, await warehouse.CountRowsAsync(new StreamDescriptor("stripe", "invoices", "id", [])));
        }

        harness.Sandbox.Stripe.Faults.Clear();
        var rerun = await harness.SyncAsync();
        Assert.True(rerun.Streams.Single().Resumed);
        Assert.Equal(harness.Sandbox.Stripe.Data.Ids("invoices").ToHashSet(), await harness.LiveIdsAsync("invoices"));
    }

    private static async Task<IReadOnlyList<StreamRunRecord>> TryRunsAsync(IWarehouse warehouse)
    {
        try
        {
            return await warehouse.ReadStreamRunsAsync();
        }
        catch (Exception e) when (e is WarehouseException or System.Data.Common.DbException)
        {
            return [];
        }
    }
}
