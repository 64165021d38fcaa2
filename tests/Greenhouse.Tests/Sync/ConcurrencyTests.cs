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

    [Fact]
    public void Streams_that_ran_before_start_longest_first_after_the_new_ones()
    {
        var stripe = new SourceStreams("stripe");
        PlannedStream[] streams = [stripe.Planned("short"), stripe.Planned("long"), stripe.Planned("new"), Planned("other", "middle"), Planned("other", "fresh")];
        var lastSeconds = new Dictionary<string, double> { ["stripe.short"] = 1, ["stripe.long"] = 30, ["other.middle"] = 12 };

        var order = SyncRunner.StartOrder(streams, lastSeconds).Select(i => streams[i].Stream.Descriptor.FullName).ToList();

        Assert.Equal(["other.fresh", "stripe.new", "stripe.long", "other.middle", "stripe.short"], order);
    }

    [Fact]
    public void A_streams_last_seconds_are_those_of_its_newest_succeeded_run()
    {
        var at = DateTimeOffset.UnixEpoch;
        StreamRunRecord Run(long id, string stream, RunStatus status, double seconds) =>
            new(id, stream, "full_refresh", status, 0, 0, 0, 0, 0, 1, at, at, seconds, null);

        var seconds = SyncRunner.LastSeconds([
            Run(3, "stripe.invoices", RunStatus.Failed, 0.5),
            Run(2, "stripe.invoices", RunStatus.Succeeded, 31),
            Run(2, "stripe.coupons", RunStatus.Interrupted, 9),
            Run(1, "stripe.invoices", RunStatus.Succeeded, 50)]);

        Assert.Equal(new Dictionary<string, double> { ["stripe.invoices"] = 31 }, seconds);
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
