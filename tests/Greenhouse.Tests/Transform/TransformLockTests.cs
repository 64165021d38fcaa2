using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Transform;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>A transform and a sync (or two transforms) never overlap: the warehouse's run lock, with when_running fail or wait.</summary>
public sealed class TransformLockTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static readonly StreamDescriptor Orders = new("test", "orders", "id", [new("amount", ColumnType.Integer)]);

    /// <summary>A stream that, once started, lands its one page of orders only when <see cref="Release"/> is set.</summary>
    private sealed class HeldStream : ISourceStream
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StreamDescriptor Descriptor => Orders;

        public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            var records = new[] { """{"id":"o1","amount":10}""", """{"id":"o2","amount":20}""" }
                .Select(json => new SourceRecord(JsonDocument.Parse(json).RootElement.Clone(), DateTimeOffset.UtcNow)).ToList();
            yield return new Page(records, null, new JsonObject { ["done"] = true }, IsLast: true);
        }
    }

    private static Task<RunSummary> SyncAsync(IWarehouse warehouse, ISourceStream stream, WhenRunning whenRunning) =>
        new SyncRunner(warehouse, TimeProvider.System).RunAsync([new PlannedStream(stream, Tests.Sync.SyncEngineTests.Source)], new SyncRequest(), whenRunning, ISyncObserver.None);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_transform_refuses_or_waits_while_a_sync_runs_and_then_reads_what_it_landed(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var syncing = h.Test.Open();
        var stream = new HeldStream();
        var sync = SyncAsync(syncing, stream, WhenRunning.Fail);
        await stream.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var model = h.Model("fct_orders", $"SELECT id, amount FROM {syncing.TableSql(Orders)} WHERE _gh_deleted_at IS NULL");

        var refused = await Assert.ThrowsAsync<RunAlreadyInProgressException>(() => h.RunAsync(model));
        var waiting = new List<string>();
        var queued = new TransformRunner(h.Warehouse, TimeProvider.System)
            .RunAsync([model], new TransformRunOptions(WhenRunning: WhenRunning.Wait), new Observer(waiting));
        await Task.Delay(300);
        Assert.False(queued.IsCompleted, "the transform ran while the sync held the lock");
        stream.Release.SetResult();
        var synced = await sync;
        var transformed = await queued.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("already running", refused.Message);
        Assert.Contains("Waiting for it to finish", Assert.Single(waiting));
        Assert.Equal(RunStatus.Succeeded, synced.Status);
        Assert.Equal(RunStatus.Succeeded, transformed.Status);
        Assert.True(transformed.RunId > synced.RunId);
        Assert.Equal(["o1|10", "o2|20"], await h.RowsAsync($"SELECT id, amount FROM {h.Ref("fct_orders")} ORDER BY id"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_sync_or_a_second_transform_refuses_or_waits_while_a_transform_runs(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = h.Model("slow", "SELECT 1 AS id") with
        {
            Compile = async (_, cancellationToken) =>
            {
                entered.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
                return "SELECT 1 AS id";
            },
        };
        var transform = h.RunAsync(held);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var other = h.Test.Open();
        var stream = new HeldStream();
        stream.Release.SetResult();

        await Assert.ThrowsAsync<RunAlreadyInProgressException>(() => SyncAsync(other, stream, WhenRunning.Fail));
        await Assert.ThrowsAsync<RunAlreadyInProgressException>(() => new TransformRunner(other, TimeProvider.System).RunAsync([h.Model("b", "SELECT 2 AS id")]));
        var queued = SyncAsync(other, stream, WhenRunning.Wait);
        await Task.Delay(300);
        Assert.False(stream.Started.Task.IsCompleted, "the sync read its stream while the transform held the lock");
        release.SetResult();

        Assert.Equal(RunStatus.Succeeded, (await transform).Status);
        Assert.Equal(RunStatus.Succeeded, (await queued.WaitAsync(TimeSpan.FromSeconds(30))).Status);
    }

    private sealed class Observer(List<string> waiting) : ITransformObserver
    {
        public void Waiting(string message) => waiting.Add(message);
    }
}
