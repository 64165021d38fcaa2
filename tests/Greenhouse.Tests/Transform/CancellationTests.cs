using System.Diagnostics;
using Greenhouse.Transform;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;
using Npgsql;

namespace Greenhouse.Tests.Transform;

/// <summary>A build stopped part-way (cancelled, or its session killed) leaves the previous relation and nothing the next run trips on.</summary>
public sealed class CancellationTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    /// <summary>fct_orders as a table (built), then a model that is never done building it, with a view downstream.</summary>
    private static async Task<(TransformNode Endless, TransformNode Good, TransformNode View, TaskCompletionSource Entered)> ModelsAsync(TransformHarness h)
    {
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id UNION ALL SELECT 2");
        var good = h.Model("fct_orders", $"SELECT id FROM {orders}");
        var view = h.Model("orders_count", $"SELECT count(*) AS n FROM {h.Ref("fct_orders")}", Materialization.View, "fct_orders");
        await h.RunAsync(good, view);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var endless = good with
        {
            Compile = (_, _) =>
            {
                entered.TrySetResult();
                return Task.FromResult(h.Endless);
            },
        };
        return (endless, good, view, entered);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Cancelling_a_run_stops_the_build_under_way_keeps_the_previous_table_and_the_rerun_succeeds(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (endless, good, view, entered) = await ModelsAsync(h);
        var before = await h.RelationsAsync();
        using var cancel = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();

        var run = new TransformRunner(h.Warehouse, TimeProvider.System).RunAsync([endless, view], new TransformRunOptions(), null, cancel.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300); // the CREATE TABLE … AS is running now
        await cancel.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the build was not stopped");
        Assert.Equal(RunStatus.Interrupted, result.Status);
        var nodes = result.Nodes.ToDictionary(n => n.Node);
        Assert.Equal(ModelRunStatus.Interrupted, nodes["model.shop.fct_orders"].Status);
        Assert.Equal(ModelRunStatus.Skipped, nodes["model.shop.orders_count"].Status);
        Assert.Equal(["2"], await h.RowsAsync($"SELECT n FROM {h.Ref("orders_count")}"));
        Assert.Equal(before, await h.RelationsAsync());

        var rerun = await h.RunAsync(good, view);
        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        var runs = h.Kind == "postgresql" ? $"\"{h.Test.RawSchema}\"._gh_runs" : "_gh_runs";
        Assert.Equal(["interrupted"], await h.RowsAsync($"SELECT status FROM {runs} WHERE run_id = {result.RunId}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_temporary_table_left_behind_is_dropped_by_the_next_build_of_its_model(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (_, good, view, _) = await ModelsAsync(h);
        var staging = h.Warehouse.ModelRelation(h.Schema, "fct_orders").TableName + "__gh_tmp";
        var leftover = kind == "postgresql" ? $"\"{h.Schema}\".\"{staging}\"" : $"\"{staging}\"";
        await h.Warehouse.ExecuteAsync($"CREATE TABLE {leftover} AS SELECT 'half built' AS junk");

        var result = await h.RunAsync(good, view);

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.DoesNotContain(staging, await h.RelationsAsync());
        Assert.Equal(["1", "2"], await h.RowsAsync($"SELECT id FROM {h.Ref("fct_orders")} ORDER BY id"));
    }

    /// <summary>
    /// PostgreSQL only: a killed client's session is ended by the server, which rolls its transaction back; here the
    /// session is ended from outside mid-build. (A killed SQLite writer leaves uncommitted WAL frames, which the next
    /// connection ignores: nothing of a build is in the file before its commit.)
    /// </summary>
    [Fact]
    public async Task A_build_whose_session_is_killed_fails_leaving_the_previous_table_and_the_rerun_succeeds()
    {
        await using var h = await TransformHarness.CreateAsync("postgresql");
        var (endless, good, view, entered) = await ModelsAsync(h);
        var before = await h.RelationsAsync();

        var run = h.RunAsync(endless, view);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using (var admin = new NpgsqlConnection(TestWarehouse.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()", admin);
            kill.Parameters.AddWithValue($"%{h.Schema}%__gh_tmp%pg_sleep%");
            var killed = 0L;
            for (var attempt = 0; killed == 0 && attempt < 100; attempt++)
            {
                await Task.Delay(50);
                killed = (long)(await kill.ExecuteScalarAsync())!;
            }

            Assert.Equal(1, killed);
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        var node = result.Nodes.Single(n => n.Node == "model.shop.fct_orders");
        Assert.Equal(ModelRunStatus.Failed, node.Status);
        Assert.Contains("57P01", node.Error);
        Assert.Equal(before, await h.RelationsAsync());
        Assert.Equal(["2"], await h.RowsAsync($"SELECT n FROM {h.Ref("orders_count")}"));
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync(good, view)).Status);
    }
}
