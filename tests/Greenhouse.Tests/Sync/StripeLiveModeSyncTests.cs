using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Stripe;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sandbox;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

/// <summary>
/// A Stripe source with a live-mode key, at the connector's own pace, against the fake enforcing Stripe's live limits
/// (100 requests a second per key, 25 on each endpoint) with retries off: any 429 fails the run. The assertions are
/// bounds a pacer guarantees however busy the machine (a bucket of one token lets the n-th request go no sooner than
/// n - 1 periods after the bucket is made), or a rate a test-mode key's pace cannot come near.
/// </summary>
public sealed class StripeLiveModeSyncTests
{
    private const string LiveKey = "sk_live_liveModeSync0123456789";

    /// <summary>How early a pacer's timer may tick over a few seconds (it counts whole milliseconds).</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(50);

    /// <summary>How much later than its pacer let it go a request may reach the fake: a stall of a busy machine.</summary>
    private static readonly TimeSpan ArrivalSlack = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_live_key_syncs_faster_than_a_test_key_s_25_a_second_with_each_endpoint_held_to_25_and_no_429()
    {
        await using var harness = await StartAsync();
        var data = harness.Sandbox.Stripe.Data;
        // Customers in 24 pages of one endpoint, coupons and products in 12 and 11: each under an endpoint's 25 a second,
        // 60 requests in all, under the key's 100.
        Add(data, "customers", 2_300);
        Add(data, "coupons", 1_100);
        Add(data, "products", 1_000);
        harness.WriteConfig(source: "max_retries: 0", connectorPace: true);

        var summary = await harness.SyncAsync();

        Assert.True(summary.Status == RunStatus.Succeeded, string.Join("\n", summary.Streams.Select(s => $"{s.Stream}: {s.Error}")));
        foreach (var stream in new[] { "customers", "coupons", "products", "invoices" })
        {
            Assert.Equal(data.Count(stream), await harness.CountAsync(stream));
        }

        var requests = harness.Sandbox.Stripe.RequestTimeline;
        // The customers endpoint's pacer, made at its first page, lets one more go each 40 ms, though the key allows 10 ms.
        var customers = requests.Where(r => r.Request.StartsWith("/v1/customers?", StringComparison.Ordinal)).Select(r => r.At).ToList();
        Assert.Equal(24, customers.Count);
        var span = customers.Max() - customers.Min();
        Assert.True(span >= (23 * TimeSpan.FromMilliseconds(40)) - TimerSlack - ArrivalSlack, $"24 pages of customers in {span.TotalMilliseconds:0} ms");
        // A test key's pace sends 25 a second (up to 30 in a second its timer bunches them after a stall); this sync, 60 in one.
        var busiest = BusiestSecond(requests.Select(r => r.At));
        Assert.True(busiest > 40, $"at most {busiest} of {requests.Count} requests in any second");
    }

    [Fact]
    public async Task Requests_per_second_caps_a_live_key_s_pace()
    {
        await using var harness = await StartAsync();
        harness.WriteConfig(source: "max_retries: 0", connectorPace: true);
        await harness.SyncAsync(); // makes the warehouse, so the capped run's time is mostly its pace
        harness.WriteConfig(source: "max_retries: 0\nrequests_per_second: 10", connectorPace: true);
        harness.Sandbox.Stripe.ResetCounters();

        var started = TimeProvider.System.GetUtcNow();
        var summary = await harness.SyncAsync();

        Assert.True(summary.Status == RunStatus.Succeeded, string.Join("\n", summary.Streams.Select(s => $"{s.Stream}: {s.Error}")));
        var requests = harness.Sandbox.Stripe.RequestTimeline.Select(r => r.At).ToList();
        Assert.True(requests.Count > 10, $"only {requests.Count} requests");
        // One each 100 ms after the first, where the live key alone would allow one each 10 ms.
        var elapsed = requests.Max() - started;
        Assert.True(elapsed >= ((requests.Count - 1) * TimeSpan.FromMilliseconds(100)) - TimerSlack, $"{requests.Count} requests within {elapsed.TotalMilliseconds:0} ms");
    }

    private static async Task<SourceHarness> StartAsync()
    {
        // A frozen sandbox clock, so objects added now are older than the sync's window end.
        var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite", new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: true));
        harness.Secret = LiveKey;
        return harness;
    }

    private static void Add(StripeFakeData data, string resource, int count)
    {
        for (var i = 0; i < count; i++)
        {
            data.Create(resource);
        }
    }

    /// <summary>The most requests the fake received within any one second.</summary>
    private static int BusiestSecond(IEnumerable<DateTimeOffset> arrivals)
    {
        var times = arrivals.Order().ToList();
        var busiest = 0;
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= TimeSpan.FromSeconds(1))
            {
                first++;
            }

            busiest = Math.Max(busiest, last - first + 1);
        }

        return busiest;
    }
}
