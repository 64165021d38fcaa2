using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Greenhouse.Sandbox;
using Xunit.Abstractions;

namespace Greenhouse.Tests.Sandbox;

public sealed class SandboxServerTests(ITestOutputHelper output)
{
    private static readonly string[] Resources =
        ["customers", "products", "prices", "coupons", "subscriptions", "invoices", "charges", "refunds", "events"];

    [Fact]
    public async Task Same_seed_and_clock_give_identical_bytes()
    {
        await using var a = await SandboxServer.StartAsync(new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: false));
        await using var b = await SandboxServer.StartAsync(new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: false));
        await using var c = await SandboxServer.StartAsync(new SandboxOptions(Seed: 7, Clock: FixedClock.At2025(), EnforceRateLimits: false));
        using var clientA = SandboxHttp.Client(a);
        using var clientB = SandboxHttp.Client(b);
        using var clientC = SandboxHttp.Client(c);

        foreach (var resource in Resources)
        {
            var path = $"v1/{resource}?limit=100";
            var bytesA = await clientA.GetByteArrayAsync(path);
            Assert.Equal(bytesA, await clientB.GetByteArrayAsync(path));
            if (resource is "customers" or "invoices")
            {
                Assert.NotEqual(bytesA, await clientC.GetByteArrayAsync(path));
            }
        }
    }

    [Fact]
    public async Task Latency_delays_every_vendor_request()
    {
        await using var server = await SandboxServer.StartAsync(
            new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: false, Latency: TimeSpan.FromMilliseconds(300)));
        using var client = SandboxHttp.Client(server);

        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync("v1/customers?limit=1");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Medium_size_generates_every_customer()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions(Size: SandboxSize.Medium, EnforceRateLimits: false));

        foreach (var resource in Resources)
        {
            output.WriteLine($"  {resource}: {server.Stripe.Data.Count(resource)}");
        }

        Assert.Equal(12_000, server.Stripe.Data.Count("customers") + DeletedCustomers(server));
    }

    [Fact]
    public async Task Small_size_has_a_hundred_customers_and_every_resource()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: false));

        output.WriteLine("Small:");
        foreach (var resource in Resources)
        {
            output.WriteLine($"  {resource}: {server.Stripe.Data.Count(resource)}");
            Assert.True(server.Stripe.Data.Count(resource) > 0, resource);
        }

        Assert.Equal(100, server.Stripe.Data.Count("customers") + DeletedCustomers(server));
        Assert.Equal(8, server.Stripe.Data.Count("coupons"));
    }

    [Fact]
    public async Task A_port_in_use_gives_a_clear_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<IOException>(() => SandboxServer.StartAsync(new SandboxOptions(Port: port)));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fixed_port_is_honoured()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        await using var server = await SandboxServer.StartAsync(new SandboxOptions(Port: port));

        Assert.Equal(new Uri($"http://127.0.0.1:{port}"), server.BaseUrl);
    }

    // Deleted customers are not listed (retrieve answers with a stub); live + deleted = the size's customer count.
    private static int DeletedCustomers(SandboxServer server) => server.Stripe.Data.DeletedCount("customers");
}
