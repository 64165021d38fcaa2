using System.Collections.Concurrent;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

public sealed class ConcurrencyTests
{
    private sealed class Recorder : ISyncObserver
    {
        public ConcurrentQueue<string> Events { get; } = new();

        public void StreamStarted(string stream, SyncMode mode, bool resumed) => Events.Enqueue("start " + stream);

        public void StreamFinished(StreamRunResult result) => Events.Enqueue("end " + result.Stream);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Streams_run_at_most_max_concurrency_at_a_time(int maxConcurrency)
    {
        await using var harness = await StripeHarness.StartAsync("sqlite");
        harness.WriteConfig("streams: [coupons, products]", top: $"max_concurrency: {maxConcurrency}");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/coupons", FaultKind.Slow, Delay: TimeSpan.FromMilliseconds(500)));
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/products", FaultKind.Slow, Delay: TimeSpan.FromMilliseconds(500)));
        var recorder = new Recorder();

        var summary = await new SyncService(harness.LoadConfig()).RunAsync(new SyncRequest(), recorder);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(["stripe.products", "stripe.coupons"], summary.Streams.Select(s => s.Stream));
        var events = recorder.Events.ToList();
        var bothStartedFirst = events.Take(2).All(e => e.StartsWith("start", StringComparison.Ordinal));
        Assert.Equal(maxConcurrency > 1, bothStartedFirst);
    }
}
