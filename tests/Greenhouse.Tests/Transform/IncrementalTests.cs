using Greenhouse.Transform;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>Incremental models: each strategy, a unique key of one column or several, a full refresh, and schema changes.</summary>
public sealed class IncrementalTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    public static TheoryData<string, IncrementalStrategy> KeyedStrategies { get; } = new()
    {
        { "sqlite", IncrementalStrategy.Merge },
        { "sqlite", IncrementalStrategy.DeleteInsert },
        { "postgresql", IncrementalStrategy.Merge },
        { "postgresql", IncrementalStrategy.DeleteInsert },
    };

    /// <summary>Orders with a status that changes later; the model reads those updated since the table's newest.</summary>
    private static async Task<(string Source, TransformNode Model)> OrdersAsync(TransformHarness h, IncrementalStrategy? strategy, params string[] key)
    {
        var source = await h.SourceAsync("orders", "SELECT 1 AS id, 'placed' AS status, 1 AS updated UNION ALL SELECT 2, 'placed', 2");
        var model = h.Model("fct_orders", incremental => incremental
            ? $"SELECT id, status, updated FROM {source} WHERE updated > (SELECT max(updated) FROM {h.Ref("fct_orders")})"
            : $"SELECT id, status, updated FROM {source}", Materialization.Incremental) with { UniqueKey = key, IncrementalStrategy = strategy };
        return (source, model);
    }

    [Theory]
    [MemberData(nameof(KeyedStrategies))]
    public async Task A_late_arriving_update_replaces_the_row_with_its_key_instead_of_duplicating_it(string kind, IncrementalStrategy strategy)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (orders, model) = await OrdersAsync(h, strategy, "id");
        await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"UPDATE {orders} SET status = 'refunded', updated = 3 WHERE id = 1; INSERT INTO {orders} VALUES (3, 'placed', 4)");

        var rerun = await h.RunAsync(model);

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.Equal(2, Assert.Single(rerun.Nodes).RowsAffected);
        Assert.Equal(["1|refunded|3", "2|placed|2", "3|placed|4"], await h.RowsAsync($"SELECT id, status, updated FROM {h.Ref("fct_orders")} ORDER BY id"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Append_inserts_every_new_row_even_when_its_key_is_there_already(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (orders, model) = await OrdersAsync(h, IncrementalStrategy.Append);
        await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"UPDATE {orders} SET status = 'refunded', updated = 3 WHERE id = 1");

        await h.RunAsync(model);

        Assert.Equal(["1|placed|1", "1|refunded|3", "2|placed|2"], await h.RowsAsync($"SELECT id, status, updated FROM {h.Ref("fct_orders")} ORDER BY id, updated"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Without_a_strategy_a_unique_key_means_delete_insert_and_no_key_means_append(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (orders, keyed) = await OrdersAsync(h, null, "id");
        var unkeyed = keyed with { UniqueId = "model.shop.log", Alias = "log", Name = "log", UniqueKey = [], Compile = (c, _) =>
            Task.FromResult(c.IsIncremental ? $"SELECT id, status, updated FROM {orders} WHERE updated > (SELECT max(updated) FROM {h.Ref("log")})" : $"SELECT id, status, updated FROM {orders}") };
        await h.RunAsync(keyed, unkeyed);
        await h.Warehouse.ExecuteAsync($"UPDATE {orders} SET status = 'refunded', updated = 3 WHERE id = 1");

        await h.RunAsync(keyed, unkeyed);

        Assert.Equal(["1|refunded", "2|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")} ORDER BY id"));
        Assert.Equal(["1|placed", "1|refunded", "2|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("log")} ORDER BY id, updated"));
    }

    [Theory]
    [MemberData(nameof(KeyedStrategies))]
    public async Task A_unique_key_of_several_columns_matches_a_row_only_on_all_of_them(string kind, IncrementalStrategy strategy)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var revenue = await h.SourceAsync("revenue",
            "SELECT 'c1' AS customer, '2024-01' AS month, 10 AS amount, 1 AS version UNION ALL SELECT 'c1', '2024-02', 20, 1 UNION ALL SELECT 'c2', '2024-01', 30, 1");
        var model = h.Model("mrr", incremental => incremental
            ? $"SELECT customer, month, amount, version FROM {revenue} WHERE version > 1"
            : $"SELECT customer, month, amount, version FROM {revenue}", Materialization.Incremental) with { UniqueKey = ["customer", "month"], IncrementalStrategy = strategy };
        await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"UPDATE {revenue} SET amount = 25, version = 2 WHERE customer = 'c1' AND month = '2024-02'; INSERT INTO {revenue} VALUES ('c2', '2024-02', 40, 2)");

        var rerun = await h.RunAsync(model);

        Assert.Equal(2, Assert.Single(rerun.Nodes).RowsAffected);
        Assert.Equal(["c1|2024-01|10", "c1|2024-02|25", "c2|2024-01|30", "c2|2024-02|40"],
            await h.RowsAsync($"SELECT customer, month, amount FROM {h.Ref("mrr")} ORDER BY customer, month"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_full_refresh_rebuilds_an_incremental_table_from_the_whole_query(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (orders, model) = await OrdersAsync(h, IncrementalStrategy.Merge, "id");
        await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"DELETE FROM {orders} WHERE id = 2");

        await h.RunAsync(model);
        Assert.Equal(2, await h.CountAsync(h.Ref("fct_orders")));
        var refresh = await h.RunAsync(new TransformRunOptions(FullRefresh: true), model);

        Assert.Equal(RunStatus.Succeeded, refresh.Status);
        Assert.Equal([false, true, false], h.Compiled.Select(c => c.IsIncremental));
        Assert.Equal(["1|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_merge_refuses_new_rows_that_hold_a_key_twice_and_changes_nothing(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (orders, model) = await OrdersAsync(h, IncrementalStrategy.Merge, "id");
        await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"INSERT INTO {orders} VALUES (3, 'placed', 5), (3, 'paid', 6)");

        var rerun = await h.RunAsync(model);

        var node = Assert.Single(rerun.Nodes);
        Assert.Equal(ModelRunStatus.Failed, node.Status);
        Assert.Contains("id = 3", node.Error);
        Assert.Contains("more than one row", node.Error);
        Assert.Equal(2, await h.CountAsync(h.Ref("fct_orders")));
        Assert.Equal([h.Warehouse.ModelRelation(h.Schema, "fct_orders").TableName], await h.RelationsAsync());
    }

    [Theory]
    [MemberData(nameof(KeyedStrategies))]
    public async Task A_null_key_never_matches_so_a_rerun_adds_its_row_again(string kind, IncrementalStrategy strategy)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 'placed' AS status, 1 AS updated UNION ALL SELECT NULL, 'lost', 2");
        var model = h.Model("fct_orders", $"SELECT id, status, updated FROM {orders}", Materialization.Incremental)
            with { UniqueKey = ["id"], IncrementalStrategy = strategy };
        await h.RunAsync(model);

        await h.RunAsync(model);

        Assert.Equal(["1|placed", "∅|lost", "∅|lost"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")} ORDER BY id NULLS LAST"));
    }

    [Theory]
    [MemberData(nameof(KeyedStrategies))]
    public async Task A_table_without_its_key_index_still_replaces_the_rows_by_key(string kind, IncrementalStrategy strategy)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (orders, model) = await OrdersAsync(h, strategy, "id");
        await h.RunAsync(model);
        var relation = h.Warehouse.ModelRelation(h.Schema, "fct_orders");
        await h.Warehouse.ExecuteAsync(kind == "sqlite"
            ? $"DROP INDEX {h.Warehouse.Dialect.Quote(relation.TableName + "__gh_key")}"
            : $"DROP INDEX {h.Warehouse.Dialect.Relation(h.Schema, relation.TableName + "__gh_key")}");
        await h.Warehouse.ExecuteAsync($"UPDATE {orders} SET status = 'refunded', updated = 3 WHERE id = 1");

        await h.RunAsync(model);

        Assert.Equal(["1|refunded", "2|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")} ORDER BY id"));
    }

    [Theory]
    [MemberData(nameof(KeyedStrategies))]
    public async Task New_rows_whose_key_has_another_type_than_the_table_still_replace_the_rows_by_key(string kind, IncrementalStrategy strategy)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var (orders, model) = await OrdersAsync(h, strategy, "id");
        await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"UPDATE {orders} SET status = 'refunded', updated = 3 WHERE id = 1");

        await h.RunAsync(model with { Compile = (_, _) => Task.FromResult($"SELECT CAST(id AS NUMERIC) AS id, status, updated FROM {orders} WHERE updated > 2") });

        Assert.Equal(["1|refunded", "2|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")} ORDER BY id"));
    }

    [Theory]
    [InlineData(IncrementalStrategy.DeleteInsert, new[] { "id" })]
    [InlineData(IncrementalStrategy.Merge, new[] { "id" })]
    [InlineData(IncrementalStrategy.DeleteInsert, new[] { "id", "status" })]
    [InlineData(IncrementalStrategy.Merge, new[] { "id", "status" })]
    public async Task On_postgresql_a_rerun_finds_the_rows_it_replaces_by_the_key_index_without_scanning_the_table(IncrementalStrategy strategy, string[] keys)
    {
        await using var h = await TransformHarness.CreateAsync("postgresql");
        var orders = await h.SourceAsync("orders", "SELECT i AS id, 'placed' AS status, i AS updated FROM generate_series(1, 20000) AS n(i)");
        var model = h.Model("fct_orders", $"SELECT id, status, updated FROM {orders}", Materialization.Incremental)
            with { UniqueKey = keys, IncrementalStrategy = strategy };
        await h.RunAsync(model);
        var target = h.Warehouse.ModelRelation(h.Schema, "fct_orders");
        // As the rerun's staging table is: just made, never analysed.
        var changed = await h.SourceAsync("changed", $"SELECT id, 'paid' AS status, updated + 1 AS updated FROM {h.Ref("fct_orders")} WHERE id > 19900");
        var dialect = h.Warehouse.Dialect;

        Assert.NotEmpty((await h.Warehouse.QueryAsync(dialect.KeyIndexQuery(target, "id", 100)!)).Rows);
        Assert.Null(dialect.KeyIndexQuery(target, "id", 2_000_000));
        Assert.Empty((await h.Warehouse.QueryAsync(dialect.KeyIndexQuery(target, "status", 100)!)).Rows);
        var statement = strategy == IncrementalStrategy.Merge
            ? dialect.Merge(target.Sql, changed, keys, ["id", "status", "updated"], byKeyIndex: true)
            : dialect.DeleteMatching(target.Sql, changed, keys, byKeyIndex: true);
        var plan = string.Join("\n", (await h.Warehouse.QueryAsync("EXPLAIN " + statement)).Rows.Select(r => (string)r[0]!));
        Assert.Contains("fct_orders__gh_key", plan);
        Assert.DoesNotContain("Seq Scan on fct_orders", plan);

        await h.Warehouse.ExecuteAsync($"UPDATE {orders} SET status = 'paid', updated = updated + 1 WHERE id > 19900");
        var rerun = await h.RunAsync(model with { Compile = (_, _) => Task.FromResult($"SELECT id, status, updated FROM {orders} WHERE id > 19900") });

        Assert.Equal(100, Assert.Single(rerun.Nodes).RowsAffected);
        Assert.Equal(keys.Length == 1 ? ["placed|19900", "paid|100"] : ["placed|20000", "paid|100"],
            await h.RowsAsync($"SELECT status, count(*) FROM {h.Ref("fct_orders")} GROUP BY status ORDER BY status DESC"));
    }

    /// <summary>The model's second run returns a new column <c>channel</c>, and with <paramref name="dropStatus"/> no longer returns <c>status</c>.</summary>
    private static async Task<(TransformRunResult Rerun, TransformHarness Harness)> ChangeColumnsAsync(string kind, OnSchemaChange onSchemaChange, bool dropStatus)
    {
        var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 'placed' AS status");
        var model = h.Model("fct_orders", incremental => incremental
            ? $"SELECT id + 1 AS id, {(dropStatus ? "" : "status, ")}'web' AS channel FROM {orders}"
            : $"SELECT id, status FROM {orders}", Materialization.Incremental) with { UniqueKey = ["id"], OnSchemaChange = onSchemaChange };
        await h.RunAsync(model);
        return (await h.RunAsync(model), h);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task On_schema_change_ignore_leaves_a_new_column_out(string kind)
    {
        var (rerun, h) = await ChangeColumnsAsync(kind, OnSchemaChange.Ignore, dropStatus: false);
        await using (h)
        {
            Assert.Equal(RunStatus.Succeeded, rerun.Status);
            Assert.Equal(["id", "status"], (await h.Warehouse.DescribeRelationAsync(h.Warehouse.ModelRelation(h.Schema, "fct_orders")))!.Columns.Select(c => c.Name));
            Assert.Equal(["1|placed", "2|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")} ORDER BY id"));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task On_schema_change_ignore_fails_naming_a_column_the_model_no_longer_returns(string kind)
    {
        var (rerun, h) = await ChangeColumnsAsync(kind, OnSchemaChange.Ignore, dropStatus: true);
        await using (h)
        {
            var node = Assert.Single(rerun.Nodes);
            Assert.Equal(ModelRunStatus.Failed, node.Status);
            Assert.Contains("no longer returns column status", node.Error);
            Assert.Equal(["1|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")}"));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task On_schema_change_append_new_columns_adds_them_and_fills_a_dropped_one_with_null(string kind)
    {
        var (rerun, h) = await ChangeColumnsAsync(kind, OnSchemaChange.AppendNewColumns, dropStatus: true);
        await using (h)
        {
            Assert.Equal(RunStatus.Succeeded, rerun.Status);
            Assert.Equal(["1|placed|∅", "2|∅|web"], await h.RowsAsync($"SELECT id, status, channel FROM {h.Ref("fct_orders")} ORDER BY id"));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task On_schema_change_fail_names_the_new_and_the_missing_columns_and_changes_nothing(string kind)
    {
        var (rerun, h) = await ChangeColumnsAsync(kind, OnSchemaChange.Fail, dropStatus: true);
        await using (h)
        {
            var node = Assert.Single(rerun.Nodes);
            Assert.Equal(ModelRunStatus.Failed, node.Status);
            Assert.Contains("it returns new column channel; it no longer returns column status", node.Error);
            Assert.Contains("--full-refresh", node.Error);
            Assert.Equal(["1|placed"], await h.RowsAsync($"SELECT id, status FROM {h.Ref("fct_orders")}"));
            Assert.Equal([h.Warehouse.ModelRelation(h.Schema, "fct_orders").TableName], await h.RelationsAsync());
        }
    }
}
