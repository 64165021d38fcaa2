using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

/// <summary>The engine's own rules, with a scripted in-process stream and a real warehouse.</summary>
public sealed class SyncEngineTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    /// <summary>A source for in-process streams (no connector reads it).</summary>
    internal static readonly SourceConfig Source = new(
        "test", "test", null, TimeSpan.FromDays(7), TimeSpan.FromDays(7), false, null, null, null, 0, TimeSpan.Zero,
        new Dictionary<string, string>(), new Dictionary<string, Credential>());

    private static readonly StreamDescriptor Descriptor = new("test", "items", "id", [new("amount", ColumnType.Integer), new("seen", ColumnType.Timestamp)]);

    private sealed class ScriptedStream(params string[][] pages) : ISourceStream
    {
        public StreamDescriptor Descriptor => SyncEngineTests.Descriptor;

        public StreamReadContext? LastContext { get; private set; }

        public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            LastContext = context;
            var start = (int?)context.Resume?["next"] ?? 0;
            for (var i = start; i < pages.Length; i++)
            {
                await Task.Yield();
                if (pages[i] is ["FAIL"])
                {
                    throw new SourceException($"test.items: page {i + 1} failed");
                }

                var records = pages[i].Select(json => new SourceRecord(JsonDocument.Parse(json).RootElement.Clone(), DateTimeOffset.UtcNow)).ToList();
                yield return new Page(records, new JsonObject { ["next"] = i + 1 });
            }

            yield return new Page([], null, new JsonObject { ["done"] = true }, IsLast: true);
        }
    }

    private static async Task<RunSummary> RunAsync(IWarehouse warehouse, ISourceStream stream, SyncRequest? request = null) =>
        await new SyncRunner(warehouse, TimeProvider.System).RunAsync([new PlannedStream(stream, Source)], request ?? new SyncRequest(), WhenRunning.Fail, ISyncObserver.None);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_record_without_a_primary_key_fails_the_stream_and_commits_nothing_of_its_page(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = target.Open();

        var summary = await RunAsync(warehouse, new ScriptedStream(["{\"id\":\"a\",\"amount\":1}"], ["{\"id\":\"b\",\"amount\":2}", "{\"amount\":3}"]));

        var result = summary.Streams.Single();
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("has no primary key 'id'", result.Error);
        Assert.Contains("page 2", result.Error);
        var rows = await warehouse.QueryAsync($"SELECT id FROM {warehouse.TableSql(Descriptor)}");
        Assert.Equal(["a"], rows.Rows.Select(r => (string)r[0]!));
        var state = (await warehouse.ReadStateAsync("test.items")).Single().Value;
        Assert.Null(state["cursor"]);
        Assert.Equal(1, (int)state["pending"]!["resume"]!["next"]!);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_failed_page_keeps_the_cursor_and_the_next_run_resumes_after_the_last_committed_page(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = target.Open();
        await RunAsync(warehouse, new ScriptedStream(["{\"id\":\"a\"}"]));
        var failing = new ScriptedStream(["{\"id\":\"a\"}"], ["{\"id\":\"b\"}"], ["FAIL"]);

        var failed = await RunAsync(warehouse, failing, new SyncRequest(FullRefresh: true));
        Assert.Equal(RunStatus.Failed, failed.Status);
        var state = (await warehouse.ReadStateAsync("test.items")).Single().Value;
        Assert.True((bool)state["cursor"]!["done"]!);

        var resumed = new ScriptedStream(["{\"id\":\"a\"}"], ["{\"id\":\"b\"}"], ["{\"id\":\"c\"}"]);
        var rerun = await RunAsync(warehouse, resumed);

        var result = rerun.Streams.Single();
        Assert.True(result.Resumed);
        Assert.Equal(SyncMode.FullRefresh, result.Mode);
        Assert.Equal(2, (int)resumed.LastContext!.Resume!["next"]!);
        Assert.Equal(1, result.Counts.New);
        Assert.Equal(0, result.Counts.Deleted);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_value_of_the_wrong_type_leaves_the_column_null_and_counts_a_warning(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = target.Open();

        var summary = await RunAsync(warehouse, new ScriptedStream(["{\"id\":\"a\",\"amount\":\"twelve\",\"seen\":1700000000}", "{\"id\":\"b\",\"amount\":12,\"seen\":\"2024-02-03T04:05:06Z\"}"]));

        var result = summary.Streams.Single();
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(1, result.Warnings);
        var rows = await warehouse.QueryAsync($"SELECT id, amount FROM {warehouse.TableSql(Descriptor)} ORDER BY id");
        Assert.True(rows.Rows[0][1] is null or DBNull);
        Assert.Equal(12L, Convert.ToInt64(rows.Rows[1][1], System.Globalization.CultureInfo.InvariantCulture));
        var stored = await warehouse.ReadStreamRunsAsync(summary.RunId);
        Assert.Equal(1, stored.Single().Warnings);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_next_page_is_read_while_the_previous_page_commits(string kind)
    {
        await using var target = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = target.Open();
        await RunAsync(warehouse, new ScriptedStream(["{\"id\":\"a\"}"]));

        // Another writer takes the stream's table as page 1 is read; only the read of page 2 lets go of it. Read after
        // the commit, page 2 would never be asked for: the commit would wait on PostgreSQL and give up on SQLite.
        TableWriteLock? writer = null;
        await using var reader = target.Open();
        long? rowsWhenPage2Read = null;
        var stream = new HookedStream(async page =>
        {
            if (page == 1)
            {
                writer = await TableWriteLock.TakeAsync(target, warehouse.TableSql(Descriptor));
            }
            else if (page == 2)
            {
                rowsWhenPage2Read = Convert.ToInt64((await reader.QueryAsync($"SELECT count(*) FROM {warehouse.TableSql(Descriptor)}")).Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);
                await writer!.ReleaseAsync();
            }
        }, ["{\"id\":\"b\"}"], ["{\"id\":\"c\"}"]);

        RunSummary summary;
        try
        {
            summary = await RunAsync(warehouse, stream).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }

        var result = summary.Streams.Single();
        Assert.True(result.Status == RunStatus.Succeeded, result.Error);
        Assert.Equal(2, result.Counts.New);
        Assert.Equal(1, rowsWhenPage2Read);
    }

    /// <summary>Pages of single records, calling <paramref name="beforePage"/> with the page's number before reading it.</summary>
    private sealed class HookedStream(Func<int, Task> beforePage, params string[][] pages) : ISourceStream
    {
        public StreamDescriptor Descriptor => SyncEngineTests.Descriptor;

        public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < pages.Length; i++)
            {
                await beforePage(i + 1);
                var records = pages[i].Select(json => new SourceRecord(JsonDocument.Parse(json).RootElement.Clone(), DateTimeOffset.UtcNow)).ToList();
                yield return new Page(records, new JsonObject { ["next"] = i + 1 });
            }

            yield return new Page([], null, new JsonObject { ["done"] = true }, IsLast: true);
        }
    }
}
