using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Csv;

/// <summary>A page per 1,000 rows, each with a checkpoint (file length, modification time, rows read).</summary>
public sealed class CsvResumeTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static void WriteLarge(SourceHarness harness, int rows) =>
        harness.WriteFile("large.csv", ["id,value", .. Enumerable.Range(1, rows).Select(i => $"{i},{i * 2}")]);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_interrupted_read_resumes_after_its_last_committed_page(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        WriteLarge(harness, 2500);
        using var stop = new CancellationTokenSource();

        var interrupted = await harness.SyncAsync(observer: new StopAfterPages(2, stop), cancellationToken: stop.Token);
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(2000, await harness.CountAsync("large"));

        var resumed = await harness.SyncAsync();

        var stream = resumed.Streams.Single();
        Assert.True(stream.Resumed);
        Assert.Equal(SyncMode.FullRefresh, stream.Mode);
        Assert.Equal(500, stream.Records);
        Assert.Equal(new BatchCounts(500, 0, 0, 0), stream.Counts);
        Assert.Equal(2500, (await harness.LiveIdsAsync("large")).Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_file_changed_since_the_interruption_is_read_from_the_start(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        WriteLarge(harness, 2500);
        using var stop = new CancellationTokenSource();
        await harness.SyncAsync(observer: new StopAfterPages(1, stop), cancellationToken: stop.Token);

        WriteLarge(harness, 1200);
        var rerun = await harness.SyncAsync();

        var stream = rerun.Streams.Single();
        Assert.Equal(RunStatus.Succeeded, stream.Status);
        Assert.Equal(1200, stream.Records);
        Assert.Equal(1200, (await harness.LiveIdsAsync("large")).Count);
    }

    private sealed class StopAfterPages(int pages, CancellationTokenSource stop) : ISyncObserver
    {
        public void PageCommitted(StreamProgress progress)
        {
            if (progress.Pages >= pages)
            {
                stop.Cancel();
            }
        }
    }
}
