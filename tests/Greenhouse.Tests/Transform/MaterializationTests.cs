using Greenhouse.Transform;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>Views, tables and the first build of an incremental model, on both warehouses.</summary>
public sealed class MaterializationTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_view_model_reads_its_source_live_and_a_rerun_replaces_its_definition(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 10 AS amount UNION ALL SELECT 2, 20");

        var first = await h.RunAsync(h.Model("stg_orders", $"SELECT id, amount FROM {orders}", Materialization.View));
        await h.Warehouse.ExecuteAsync($"INSERT INTO {orders} VALUES (3, 30)");

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(RelationKind.View, await h.KindOfAsync("stg_orders"));
        Assert.Equal(["1|10", "2|20", "3|30"], await h.RowsAsync($"SELECT id, amount FROM {h.Ref("stg_orders")} ORDER BY id"));
        Assert.Null(Assert.Single(first.Nodes).RowsAffected);

        await h.RunAsync(h.Model("stg_orders", $"SELECT id, amount * 2 AS doubled FROM {orders}", Materialization.View));

        Assert.Equal(["1|20", "2|40", "3|60"], await h.RowsAsync($"SELECT id, doubled FROM {h.Ref("stg_orders")} ORDER BY id"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_table_model_holds_its_rows_and_a_rerun_rebuilds_them_without_leaving_a_temporary_table(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 10 AS amount UNION ALL SELECT 2, 20");
        var model = h.Model("fct_orders", $"SELECT id, amount FROM {orders}");

        var first = await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"DELETE FROM {orders} WHERE id = 1; INSERT INTO {orders} VALUES (3, 30)");
        Assert.Equal(["1|10", "2|20"], await h.RowsAsync($"SELECT id, amount FROM {h.Ref("fct_orders")} ORDER BY id"));
        var second = await h.RunAsync(model);

        Assert.Equal(RelationKind.Table, await h.KindOfAsync("fct_orders"));
        Assert.Equal(2, Assert.Single(first.Nodes).RowsAffected);
        Assert.Equal(["2|20", "3|30"], await h.RowsAsync($"SELECT id, amount FROM {h.Ref("fct_orders")} ORDER BY id"));
        Assert.Equal(2, Assert.Single(second.Nodes).RowsAffected);
        Assert.Equal([h.Warehouse.ModelRelation(h.Schema, "fct_orders").TableName], await h.RelationsAsync());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_model_that_turns_from_a_view_into_a_table_and_back_replaces_the_relation(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id");

        await h.RunAsync(h.Model("orders", $"SELECT id FROM {orders}", Materialization.View));
        var table = await h.RunAsync(h.Model("orders", $"SELECT id FROM {orders}", Materialization.Table));
        Assert.Equal(RelationKind.Table, await h.KindOfAsync("orders"));
        var view = await h.RunAsync(h.Model("orders", $"SELECT id FROM {orders}", Materialization.View));

        Assert.Equal(RunStatus.Succeeded, table.Status);
        Assert.Equal(RunStatus.Succeeded, view.Status);
        Assert.Equal(RelationKind.View, await h.KindOfAsync("orders"));
        Assert.Equal(["1"], await h.RowsAsync($"SELECT id FROM {h.Ref("orders")}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_incremental_model_is_built_as_a_table_first_and_told_is_incremental_after(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var events = await h.SourceAsync("events", "SELECT 1 AS id UNION ALL SELECT 2");
        var model = h.Model("events", incremental => incremental
            ? $"SELECT id FROM {events} WHERE id > (SELECT max(id) FROM {h.Ref("events")})"
            : $"SELECT id FROM {events}", Materialization.Incremental);

        var first = await h.RunAsync(model);
        await h.Warehouse.ExecuteAsync($"INSERT INTO {events} VALUES (3)");
        var second = await h.RunAsync(model);

        Assert.Equal([("model.shop.events", false), ("model.shop.events", true)], h.Compiled);
        Assert.Equal(2, Assert.Single(first.Nodes).RowsAffected);
        Assert.Equal(1, Assert.Single(second.Nodes).RowsAffected);
        Assert.Equal(["1", "2", "3"], await h.RowsAsync($"SELECT id FROM {h.Ref("events")} ORDER BY id"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_incremental_model_over_an_existing_view_is_not_incremental_and_replaces_the_view_with_a_table(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var events = await h.SourceAsync("events", "SELECT 1 AS id");
        await h.RunAsync(h.Model("events", $"SELECT id FROM {events}", Materialization.View));

        await h.RunAsync(h.Model("events", incremental => $"SELECT id FROM {events}", Materialization.Incremental));

        Assert.Equal([("model.shop.events", false), ("model.shop.events", false)], h.Compiled);
        Assert.Equal(RelationKind.Table, await h.KindOfAsync("events"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Models_in_a_custom_schema_get_a_schema_of_their_own_created_on_first_use(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var staging = h.Test.ModelSchema("analytics_staging");
        var node = h.Model("stg_one", "SELECT 1 AS one") with { Schema = staging };

        var result = await h.RunAsync(node);

        Assert.Equal(RunStatus.Succeeded, result.Status);
        var relation = h.Warehouse.ModelRelation(staging, "stg_one");
        Assert.Equal(kind == "sqlite" ? "\"analytics_staging_stg_one\"" : $"\"{staging}\".\"stg_one\"", relation.Sql);
        Assert.Equal(["1"], await h.RowsAsync($"SELECT one FROM {relation.Sql}"));
    }
}
