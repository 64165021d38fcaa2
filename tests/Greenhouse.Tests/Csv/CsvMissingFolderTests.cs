using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Csv;

public sealed class CsvMissingFolderTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_source_whose_folder_is_gone_fails_alone_and_the_other_sources_still_sync(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        harness.WriteFile("orders.csv", "id,total", "1,10", "2,20");
        File.WriteAllText(harness.ConfigPath, $$"""
            warehouse: "{{harness.Warehouse.Spec}}"
            schema: {{harness.Warehouse.RawSchema}}
            sources:
              gone:
                type: csv
                path: ./exports-that-were-moved
              files:
                type: csv
                path: ./data
                primary_key: id
            """);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Partial, summary.Status);
        var gone = summary.Streams.Single(s => s.Stream == "gone.*");
        Assert.Equal(RunStatus.Failed, gone.Status);
        Assert.Contains("sources.gone.path: the folder", gone.Error);
        Assert.Contains("exports-that-were-moved does not exist", gone.Error);
        Assert.Equal(RunStatus.Succeeded, summary.Streams.Single(s => s.Stream == "files.orders").Status);
        Assert.Equal(2, (await harness.LiveIdsAsync("orders")).Count);
        // The failure is recorded like any stream's, so status and notifications report it.
        var recorded = await harness.QueryAsync("SELECT status FROM " + (kind == "postgresql" ? $"\"{harness.Warehouse.RawSchema}\"._gh_stream_runs" : "_gh_stream_runs") + " WHERE stream = 'gone.*'");
        Assert.Equal("failed", recorded.Rows.Single()[0]);

        var asked = await Assert.ThrowsAsync<SourceException>(() => harness.SyncAsync(new SyncRequest(Streams: ["gone.orders"], Trigger: "test")));
        Assert.Contains("sources.gone.path", asked.Message);
    }
}
