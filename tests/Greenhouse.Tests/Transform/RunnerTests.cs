using System.Security.Cryptography;
using System.Text;
using Greenhouse.Transform;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>The runner: DAG order, skips after a failure, ephemeral nodes, the records it keeps, threads, and what it refuses before running.</summary>
public sealed class RunnerTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    /// <summary>SQL that compiles but fails while it runs, after the build has started writing.</summary>
    private static string FailsWhileRunning(TransformHarness h, string source) => h.Kind == "postgresql"
        ? $"SELECT id, 1 / (id - id) AS broken FROM {source}"
        : $"SELECT id, json_extract('not json', '$') AS broken FROM {source}";

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_model_failing_mid_DAG_skips_everything_downstream_and_leaves_the_previous_tables_and_no_temporary_one(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id UNION ALL SELECT 2");
        TransformNode[] Dag(string middle) =>
        [
            h.Model("stg", $"SELECT id FROM {orders}"),
            h.Model("mid", middle, Materialization.Table, "stg"),
            h.Model("fct", $"SELECT id FROM {h.Ref("mid")}", Materialization.Table, "mid"),
            h.Model("rpt", $"SELECT count(*) AS n FROM {h.Ref("fct")}", Materialization.View, "fct"),
            h.Model("side", $"SELECT id FROM {h.Ref("stg")}", Materialization.Table, "stg"),
        ];
        await h.RunAsync(Dag($"SELECT id FROM {h.Ref("stg")}"));
        var before = await h.RelationsAsync();
        await h.Warehouse.ExecuteAsync($"INSERT INTO {orders} VALUES (3)");

        var result = await h.RunAsync(Dag(FailsWhileRunning(h, h.Ref("stg"))));

        Assert.Equal(RunStatus.Partial, result.Status);
        var status = result.Nodes.ToDictionary(n => n.Node, n => n);
        Assert.Equal(ModelRunStatus.Succeeded, status["model.shop.stg"].Status);
        Assert.Equal(ModelRunStatus.Failed, status["model.shop.mid"].Status);
        Assert.Equal(ModelRunStatus.Succeeded, status["model.shop.side"].Status);
        Assert.Equal("Skipped: upstream model.shop.mid failed.", status["model.shop.fct"].Error);
        Assert.Equal("Skipped: upstream model.shop.mid failed.", status["model.shop.rpt"].Error);
        Assert.Equal(ModelRunStatus.Skipped, status["model.shop.rpt"].Status);
        Assert.Equal(3, await h.CountAsync(h.Ref("side")));
        Assert.Equal(2, await h.CountAsync(h.Ref("mid")));
        Assert.Equal(["2"], await h.RowsAsync($"SELECT n FROM {h.Ref("rpt")}"));
        Assert.Equal(before, await h.RelationsAsync());
        var stored = await h.Warehouse.ReadModelRunsAsync(result.RunId);
        Assert.Equal(
            result.Nodes.Select(n => (n.Node, n.Status, n.Error, n.RowsAffected, n.SqlHash)).Order(),
            stored.Select(n => (n.Node, n.Status, n.Error, n.RowsAffected, n.SqlHash)).Order());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Nodes_run_after_what_they_depend_on_and_are_recorded_with_their_compiled_sqls_hash(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id");
        var fctSql = $"SELECT id FROM {h.Ref("stg")}";
        // Given downstream first: the order comes from the dependencies, not the list.
        var result = await h.RunAsync(
            h.Model("rpt", $"SELECT id FROM {h.Ref("fct")}", Materialization.View, "fct"),
            h.Model("fct", fctSql, Materialization.Table, "stg"),
            h.Model("stg", $"SELECT id FROM {orders}", Materialization.View));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["model.shop.stg", "model.shop.fct", "model.shop.rpt"], h.Compiled.Select(c => c.Node));
        var fct = (await h.Warehouse.ReadModelRunsAsync(result.RunId)).Single(r => r.Node == "model.shop.fct");
        Assert.Equal("table", fct.Materialization);
        Assert.Equal(ModelRunStatus.Succeeded, fct.Status);
        Assert.Equal(1, fct.RowsAffected);
        Assert.Null(fct.Error);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fctSql))), fct.SqlHash);
        Assert.True(fct.FinishedAt >= fct.StartedAt && fct.Seconds >= 0);
        var runs = h.Kind == "postgresql" ? $"\"{h.Test.RawSchema}\"._gh_runs" : "_gh_runs";
        Assert.Equal(["transform|test|succeeded"], await h.RowsAsync($"SELECT kind, trigger, status FROM {runs} WHERE run_id = {result.RunId}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Ephemeral_nodes_are_not_built_and_a_failure_before_one_skips_what_reads_it(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id");
        var ephemeral = h.Model("eph", "SELECT 'never compiled' AS x", Materialization.Ephemeral, "stg");
        var fct = h.Model("fct", $"SELECT id FROM {h.Ref("stg")}", Materialization.Table, "eph");

        var ok = await h.RunAsync(h.Model("stg", $"SELECT id FROM {orders}"), ephemeral, fct);
        var failed = await h.RunAsync(h.Model("stg", "SELECT id FROM nowhere"), ephemeral, fct);

        Assert.Equal(["model.shop.fct", "model.shop.stg"], ok.Nodes.Select(n => n.Node).Order());
        Assert.DoesNotContain(h.Compiled, c => c.Node == "model.shop.eph");
        Assert.Null(await h.KindOfAsync("eph"));
        Assert.Equal("Skipped: upstream model.shop.stg failed.", failed.Nodes.Single(n => n.Node == "model.shop.fct").Error);
        Assert.Equal(RunStatus.Failed, failed.Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Independent_models_build_at_once_on_postgresql_and_one_at_a_time_on_sqlite(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var arrived = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TransformNode Meeting(string name) => h.Model(name, "SELECT 1 AS id") with
        {
            Compile = async (_, cancellationToken) =>
            {
                if (Interlocked.Increment(ref arrived) == 2)
                {
                    both.SetResult();
                }

                // Parallel builds meet here; one at a time, the first gives up waiting for the second.
                await Task.WhenAny(both.Task, Task.Delay(TimeSpan.FromSeconds(kind == "postgresql" ? 30 : 1), cancellationToken));
                return both.Task.IsCompleted ? "SELECT 1 AS id" : "SELECT 0 AS id";
            },
        };

        var result = await h.RunAsync(new TransformRunOptions(Threads: 4), Meeting("a"), Meeting("b"));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        var met = await h.RowsAsync($"SELECT id FROM {h.Ref("a")} UNION ALL SELECT id FROM {h.Ref("b")}");
        Assert.Equal(kind == "postgresql" ? ["1", "1"] : ["0", "1"], met.Order());
        if (kind == "sqlite")
        {
            var (first, second) = (result.Nodes[0], result.Nodes[1]);
            Assert.True(first.FinishedAt <= second.StartedAt, "SQLite has one writer: the second node starts after the first ends");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_run_that_cannot_start_lists_every_problem_and_runs_nothing(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        TransformNode[] nodes =
        [
            h.Model("raw_write", "SELECT 1 AS id") with { Schema = h.Test.RawSchema },
            h.Model("meta", "SELECT 1 AS id") with { Alias = "_gh_runs" },
            h.Model("one", "SELECT 1 AS id"),
            h.Model("two", "SELECT 1 AS id") with { Alias = "one" },
            h.Model("a", "SELECT 1 AS id", Materialization.Table, "b"),
            h.Model("b", "SELECT 1 AS id", Materialization.Table, "a"),
            h.Model("no_sql", "SELECT 1 AS id") with { Compile = null },
            h.Model("no_key", "SELECT 1 AS id", Materialization.Incremental) with { IncrementalStrategy = IncrementalStrategy.Merge },
        ];

        var error = await Assert.ThrowsAsync<TransformException>(() => h.RunAsync(nodes));

        Assert.Contains($"model.shop.raw_write: '{h.Test.RawSchema}.raw_write'", error.Message);
        Assert.Contains("raw schema", error.Message);
        Assert.Contains("model.shop.meta: ", error.Message);
        Assert.Contains("_gh_ table", error.Message);
        Assert.Contains($"model.shop.two: writes {h.Ref("one")}, as model.shop.one does", error.Message);
        Assert.Contains("cycle: model.shop.a -> model.shop.b -> model.shop.a", error.Message);
        Assert.Contains("model.shop.no_sql: a model needs its Compile step.", error.Message);
        Assert.Contains("model.shop.no_key: incremental_strategy merge needs a unique_key.", error.Message);
        Assert.Empty(h.Compiled);
        Assert.Empty(await h.Warehouse.ReadModelRunsAsync());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task On_sqlite_a_schema_whose_tables_would_carry_the_raw_prefix_is_refused(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        // SQLite: raw_extra, whose tables are raw_extra_…; PostgreSQL: raw_extra_xxxxxxxx, a schema of its own.
        var node = h.Model("stripe_customers", "SELECT 1 AS id") with { Schema = h.Test.ModelSchema("raw_extra") };

        if (kind == "sqlite")
        {
            var error = await Assert.ThrowsAsync<TransformException>(() => h.RunAsync(node));
            Assert.Contains("\"raw_extra_stripe_customers\") is in the raw schema 'raw'", error.Message);
        }
        else
        {
            Assert.Equal(RunStatus.Succeeded, (await h.RunAsync(node)).Status);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_models_sql_with_a_second_statement_fails_before_the_second_one_writes(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id");

        var result = await h.RunAsync(h.Model("sneaky", $"SELECT id FROM {orders}; DELETE FROM {orders}"));

        Assert.Equal(ModelRunStatus.Failed, Assert.Single(result.Nodes).Status);
        Assert.Equal(1, await h.CountAsync(orders));
        Assert.Null(await h.KindOfAsync("sneaky"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Model_runs_are_read_back_newest_run_first(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var first = await h.RunAsync(h.Model("a", "SELECT 1 AS id"));
        var second = await h.RunAsync(h.Model("a", "SELECT 2 AS id"), h.Model("b", "SELECT 3 AS id"));

        var all = await h.Warehouse.ReadModelRunsAsync();
        var limited = await h.Warehouse.ReadModelRunsAsync(limit: 1);

        Assert.Equal([second.RunId, second.RunId, first.RunId], all.Select(r => r.RunId));
        Assert.Equal(second.RunId, Assert.Single(limited).RunId);
        Assert.Equal(first.RunId, Assert.Single(await h.Warehouse.ReadModelRunsAsync(first.RunId)).RunId);
    }
}
