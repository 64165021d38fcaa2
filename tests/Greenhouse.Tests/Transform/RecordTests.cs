using Greenhouse.Transform;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>
/// What a run leaves in <c>_gh_model_runs</c> now that a build's record commits with it and the other records are
/// written in batches, and the table builds that spare SQLite a rename.
/// </summary>
public sealed class RecordTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_node_is_recorded_with_how_it_ended_when_more_are_skipped_than_one_batch_holds(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id UNION ALL SELECT 2");
        var broken = h.Kind == "postgresql" ? $"SELECT id, 1 / (id - id) AS broken FROM {orders}" : $"SELECT id, json_extract('not json', '$') AS broken FROM {orders}";
        TransformNode[] nodes =
        [
            h.Model("stg", $"SELECT id FROM {orders}", Materialization.View),
            h.Model("fct", $"SELECT id FROM {h.Ref("stg")}", Materialization.Table, "stg"),
            h.Model("mid", broken, Materialization.Table, "stg"),
            .. Enumerable.Range(0, TransformRunner.RecordBatch + 20)
                .Select(i => h.Model($"after_{i:D3}", $"SELECT id FROM {h.Ref("mid")}", Materialization.View, "mid")),
        ];

        var result = await h.RunAsync(nodes);

        var stored = await h.Warehouse.ReadModelRunsAsync(result.RunId, limit: 1_000);
        Assert.Equal(nodes.Length, stored.Count);
        Assert.Equal(
            result.Nodes.Select(n => (n.Node, n.Status, n.Error, n.RowsAffected, n.SqlHash)).Order(),
            stored.Select(n => (n.Node, n.Status, n.Error, n.RowsAffected, n.SqlHash)).Order());
        Assert.Equal(TransformRunner.RecordBatch + 20, stored.Count(n => n.Status == ModelRunStatus.Skipped));
        Assert.Equal(ModelRunStatus.Failed, stored.Single(n => n.Node == "model.shop.mid").Status);
        Assert.Equal(2, stored.Single(n => n.Node == "model.shop.fct").RowsAffected);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_builds_record_commits_with_its_relation_or_not_at_all(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var target = h.Warehouse.ModelRelation(h.Schema, "fct");
        await h.Warehouse.EnsureSchemaAsync(target);
        var runId = await h.Warehouse.BeginTransformRunAsync("test", DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        var record = new ModelRunRecord(runId, "model.shop.fct", "table", ModelRunStatus.Succeeded, 1, 0.1, null, "hash", now, now);

        await using (var abandoned = await h.Warehouse.BeginBuildAsync())
        {
            await abandoned.ReplaceWithTableAsync(target, "SELECT 1 AS id");
            await abandoned.RecordModelRunAsync(record);
        }

        Assert.Empty(await h.Warehouse.ReadModelRunsAsync(runId));
        Assert.Null(await h.KindOfAsync("fct"));

        await using (var committed = await h.Warehouse.BeginBuildAsync())
        {
            Assert.Equal(1, await committed.ReplaceWithTableAsync(target, "SELECT 1 AS id"));
            await committed.RecordModelRunAsync(record);
            await committed.CommitAsync();
        }

        Assert.Equal(record.Node, Assert.Single(await h.Warehouse.ReadModelRunsAsync(runId)).Node);
        Assert.Equal(["1"], await h.RowsAsync($"SELECT id FROM {target.Sql}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_table_model_that_reads_its_own_previous_rows_is_built_from_them(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id");
        await h.RunAsync(h.Model("seen", $"SELECT id FROM {orders}"));
        await h.Warehouse.ExecuteAsync($"DELETE FROM {orders}; INSERT INTO {orders} VALUES (2)");

        var result = await h.RunAsync(h.Model("seen", $"SELECT id FROM {orders} UNION SELECT id FROM {h.Ref("seen")}"));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["1", "2"], await h.RowsAsync($"SELECT id FROM {h.Ref("seen")} ORDER BY id"));
        Assert.Equal([h.Warehouse.ModelRelation(h.Schema, "seen").TableName], await h.RelationsAsync());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_indexes_config_makes_its_indexes_on_each_full_build(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var events = await h.SourceAsync("events", "SELECT 1 AS id, 10 AS updated UNION ALL SELECT 2, 20");
        var model = h.Model("events", incremental => incremental
            ? $"SELECT id, updated FROM {events} WHERE updated > (SELECT max(updated) FROM {h.Ref("events")})"
            : $"SELECT id, updated FROM {events}", Materialization.Incremental) with
        {
            UniqueKey = ["id"],
            Indexes = [new TableIndex(["updated"], Unique: false), new TableIndex(["id", "updated"], Unique: true)],
        };

        await h.RunAsync(model);
        var first = await IndexedColumnsAsync(h, "events");
        await h.RunAsync(new TransformRunOptions(FullRefresh: true, Trigger: "test"), model);

        Assert.Equal(["id", "id,updated", "updated"], first);
        Assert.Equal(first, await IndexedColumnsAsync(h, "events"));
    }

    /// <summary>Each index of the model's table as its columns, comma-separated, sorted.</summary>
    private static async Task<List<string>> IndexedColumnsAsync(TransformHarness h, string name)
    {
        var table = h.Warehouse.ModelRelation(h.Schema, name).TableName;
        var sql = h.Kind == "sqlite"
            ? $"SELECT group_concat(c.name, ',') FROM sqlite_master m, pragma_index_info(m.name) c WHERE m.type = 'index' AND m.tbl_name = '{table}' GROUP BY m.name"
            : $"""
                SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM pg_index i
                JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                WHERE s.nspname = '{h.Schema}' AND t.relname = '{table}' GROUP BY i.indexrelid
                """;
        return [.. (await h.Warehouse.QueryAsync(sql)).Rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];
    }
}
