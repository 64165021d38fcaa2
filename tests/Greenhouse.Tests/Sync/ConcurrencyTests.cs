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
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [coupons, products]", top: $"max_concurrency: {maxConcurrency}");
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/coupons", FaultKind.Slow, Delay: TimeSpan.FromMilliseconds(500)));
        harness.Sandbox.Stripe.Faults.Add(new FaultRule("/v1/products", FaultKind.Slow, Delay: TimeSpan.FromMilliseconds(500)));
        var recorder = new Recorder();

        var summary = await harness.SyncAsync(new SyncRequest(), recorder);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(["stripe.products", "stripe.coupons"], summary.Streams.Select(s => s.Stream));
        var events = recorder.Events.ToList();
        var bothStartedFirst = events.Take(2).All(e => e.StartsWith("start", StringComparison.Ordinal));
        Assert.Equal(maxConcurrency > 1, bothStartedFirst);
    }

    [Fact]
    public void Streams_start_one_of_each_source_in_turn()
    {
        var stripe = new SourceStreams("stripe");
        var order = SyncRunner.InterleavedBySource([stripe.Planned("a1"), stripe.Planned("a2"), stripe.Planned("a3"), Planned("other", "b1"), Planned("other", "b2")]).ToList();

        Assert.Equal([0, 3, 1, 4, 2], order);
    }

    private static PlannedStream Planned(string source, string name) => new SourceStreams(source).Planned(name);

    /// <summary>Planned streams of a named source, for ordering checks (the streams are never read).</summary>
    private sealed class SourceStreams(string source)
    {
        public PlannedStream Planned(string name) => new(new NamedStream(new StreamDescriptor(source, name, "id", [])), Source(source));

        private static Greenhouse.Config.SourceConfig Source(string name) => new(
            name, "stripe", null, TimeSpan.Zero, TimeSpan.Zero, false, null, null, null, 0, TimeSpan.Zero,
            new Dictionary<string, string>(), new Dictionary<string, Greenhouse.Config.Credential>());
    }

    private sealed class NamedStream(StreamDescriptor descriptor) : ISourceStream
    {
        public StreamDescriptor Descriptor => descriptor;

        public IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("ordering only");
    }
}
