using System.Globalization;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sources;

/// <summary>
/// The contract every connector passes, once per warehouse kind (as Airbyte's standard source tests): a connector's
/// test class inherits it and states its fixture (the source block, the stream the contract watches, how the source
/// is set up). <see cref="ApiConnectorContract"/> adds what a source that pages through an API with a credential must
/// survive. A new connector gets the whole contract by writing its fixture.
/// </summary>
public abstract class ConnectorContract
{
    /// <summary>The source block the harness writes.</summary>
    protected abstract SandboxVendor Vendor { get; }

    /// <summary>The stream the contract watches and breaks, e.g. "invoices".</summary>
    protected abstract string Stream { get; }

    /// <summary>A harness whose source is ready to sync (its files written, its fake paging small).</summary>
    protected virtual Task<SourceHarness> StartAsync(string kind) => SourceHarness.StartAsync(Vendor, kind);

    /// <summary>The mode a second sync runs <paramref name="stream"/> in (one without a cursor is read whole again).</summary>
    protected virtual SyncMode SecondSyncMode(string stream) => SyncMode.Incremental;

    /// <summary>Forgets the requests the source's fake has seen (a source without a fake has none).</summary>
    protected virtual void ResetCounters(SourceHarness harness)
    {
    }

    /// <summary>Checks what a second sync asked the vendor for (the counters were reset before it).</summary>
    protected virtual void AssertSecondSyncRequests(SourceHarness harness)
    {
    }

    /// <summary>The stream's name within its source: "stripe.invoices" → "invoices".</summary>
    protected string OwnName(StreamRunResult stream) => stream.Stream[(Vendor.Source.Length + 1)..];

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Second_sync_changes_nothing(string kind)
    {
        await using var harness = await StartAsync(kind);
        var first = await harness.SyncAsync();
        Assert.Equal(RunStatus.Succeeded, first.Status);
        var before = new Dictionary<string, object?[]>();
        foreach (var stream in first.Streams.Select(OwnName))
        {
            before[stream] = await harness.FingerprintAsync(stream);
        }

        ResetCounters(harness);

        var second = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal(first.Streams.Select(s => s.Stream), second.Streams.Select(s => s.Stream));
        Assert.All(second.Streams, s =>
        {
            Assert.Equal(SecondSyncMode(OwnName(s)), s.Mode);
            // Nothing new, updated or deleted; a stream read whole again finds every record it read unchanged.
            Assert.Equal(new BatchCounts(0, 0, s.Mode == SyncMode.FullRefresh ? s.Records : s.Counts.Unchanged, 0), s.Counts);
        });
        foreach (var (stream, fingerprint) in before)
        {
            Assert.Equal(fingerprint, await harness.FingerprintAsync(stream));
            if (Convert.ToInt64(fingerprint[0], CultureInfo.InvariantCulture) > 0)
            {
                Assert.Equal(first.RunId, Convert.ToInt64(fingerprint[1], CultureInfo.InvariantCulture));
            }

            if (kind == "postgresql")
            {
                // No new row versions at all: the tuples' xmin are those the first run's page commits wrote.
                var versions = await harness.ScalarAsync<long>($"SELECT COUNT(DISTINCT xmin::text) FROM {harness.Table(stream)}");
                var pages = harness.Stream(first, stream).Pages;
                Assert.True(versions <= pages, $"{versions} transactions wrote {stream}, in {pages} page(s)");
            }
        }

        Assert.Contains(Stream, before.Keys);
        AssertSecondSyncRequests(harness);
    }
}
