using System.Net;
using Greenhouse.Serve;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greenhouse.Tests.Serve;

/// <summary>PostgreSQL stopped and started again under a running serve: not ready meanwhile, then a scheduled run succeeds.</summary>
public sealed class WarehouseOutageTests
{
    [Fact]
    public async Task Serve_reports_not_ready_while_PostgreSQL_is_down_and_recovers_when_it_is_back()
    {
        await using var postgres = await DisposablePostgres.StartAsync();
        await using var harness = await StripeHarness.StartAsync("sqlite");
        harness.WriteConfig("streams: [coupons]");
        var config = harness.LoadConfig() with { Warehouse = postgres.ConnectionString, Schema = "raw" };
        await using var app = GreenhouseHost.Build(config, "http://127.0.0.1:0", new ServeOptions { Scheduler = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(200) } });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        await WaitForAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, async () => await http.GetStringAsync("/readyz"));

        await postgres.StopServerAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        await postgres.StartServerAsync();
        await WaitForAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, async () => "after restart: " + await http.GetStringAsync("/readyz"));
        await using var warehouse = WarehouseFactory.Open(config.Warehouse, config.Schema);
        await WaitForAsync(
            async () => (await warehouse.ReadStreamRunsAsync()).Any(r => r.Status == RunStatus.Succeeded),
            async () => "runs: " + string.Join("; ", (await warehouse.ReadStreamRunsAsync()).Select(r => $"{r.RunId} {r.Stream} {r.Status} {r.Error}")));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<Task<string>>? explain = null)
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
                Assert.Fail("timed out" + (explain is null ? "" : ": " + await explain()));
            }

            await Task.Delay(100);
        }
    }
}
