using Greenhouse.Transform;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>
/// A rebuild swaps the new relation in atomically: views that read it (a model's or anyone's, views on views too)
/// read the new rows afterwards, and a reader on another connection never finds it missing.
/// </summary>
public sealed class SwapTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Views_on_a_rebuilt_table_read_its_new_rows(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 10 AS amount UNION ALL SELECT 2, 20");
        var fct = h.Model("fct_orders", $"SELECT id, amount FROM {orders}");
        var summary = h.Model("orders_summary", $"SELECT count(*) AS n, sum(amount) AS total FROM {h.Ref("fct_orders")}", Materialization.View, "fct_orders");
        await h.RunAsync(fct, summary);
        // A view Greenhouse does not know of (a dashboard's), on the model's view: dependants of dependants.
        var report = h.Warehouse.ModelRelation(h.Schema, "report");
        await h.Warehouse.ExecuteAsync($"CREATE VIEW {report.Sql} AS SELECT n * 100 AS n_pct, total FROM {h.Ref("orders_summary")}");

        await h.Warehouse.ExecuteAsync($"INSERT INTO {orders} VALUES (3, 30)");
        var rebuilt = await h.RunAsync(fct);

        Assert.Equal(RunStatus.Succeeded, rebuilt.Status);
        Assert.Equal(["3|60"], await h.RowsAsync($"SELECT n, total FROM {h.Ref("orders_summary")}"));
        Assert.Equal(["300|60"], await h.RowsAsync($"SELECT n_pct, total FROM {report.Sql}"));
        Assert.Equal(RelationKind.View, await h.KindOfAsync("orders_summary"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Views_on_a_replaced_view_read_its_new_definition(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 10 AS amount");
        await h.RunAsync(
            h.Model("stg_orders", $"SELECT id, amount FROM {orders}", Materialization.View),
            h.Model("big_orders", $"SELECT id FROM {h.Ref("stg_orders")} WHERE amount > 5", Materialization.View, "stg_orders"));

        var result = await h.RunAsync(h.Model("stg_orders", $"SELECT id, amount / 10 AS amount FROM {orders}", Materialization.View));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Empty(await h.RowsAsync($"SELECT id FROM {h.Ref("big_orders")}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_view_rebuilt_with_the_same_or_more_columns_leaves_the_views_on_it_alone_and_one_renaming_a_column_re_creates_them(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 10 AS amount UNION ALL SELECT 2, 20");
        await h.RunAsync(
            h.Model("stg_orders", $"SELECT id, amount FROM {orders}", Materialization.View),
            h.Model("big_orders", $"SELECT id FROM {h.Ref("stg_orders")} WHERE amount > 15", Materialization.View, "stg_orders"));
        var before = await IdentityAsync(h, "big_orders");

        var extended = await h.RunAsync(h.Model("stg_orders", $"SELECT id, amount * 2 AS amount, 'usd' AS currency FROM {orders}", Materialization.View));
        var afterExtended = await IdentityAsync(h, "big_orders");
        var renamed = await h.RunAsync(h.Model("stg_orders", $"SELECT id, amount AS total, amount FROM {orders}", Materialization.View));

        Assert.Equal(RunStatus.Succeeded, extended.Status);
        Assert.Equal(RunStatus.Succeeded, renamed.Status);
        Assert.Equal(["2"], await h.RowsAsync($"SELECT id FROM {h.Ref("big_orders")}"));
        Assert.Equal(["1|10|10", "2|20|20"], await h.RowsAsync($"SELECT id, total, amount FROM {h.Ref("stg_orders")} ORDER BY id"));
        if (kind == "postgresql")
        {
            // CREATE OR REPLACE kept the dependant itself; a renamed column needed the drop, and the dependant was re-created.
            Assert.Equal(before, afterExtended);
            Assert.NotEqual(afterExtended, await IdentityAsync(h, "big_orders"));
        }
    }

    /// <summary>PostgreSQL: the relation's oid, which a re-created view changes. SQLite: its name (views bind by name there).</summary>
    private static async Task<string> IdentityAsync(TransformHarness h, string model) =>
        Assert.Single(await h.RowsAsync(h.Warehouse.Kind == "postgresql"
            ? $"SELECT CAST(CAST('{h.Ref(model)}' AS regclass) AS oid)"
            : $"SELECT name FROM sqlite_master WHERE name = '{h.Warehouse.ModelRelation(h.Schema, model).TableName}'"));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_rebuild_that_breaks_a_dependent_view_fails_and_keeps_the_previous_table(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var orders = await h.SourceAsync("orders", "SELECT 1 AS id, 10 AS amount");
        await h.RunAsync(
            h.Model("fct_orders", $"SELECT id, amount FROM {orders}"),
            h.Model("amounts", $"SELECT amount FROM {h.Ref("fct_orders")}", Materialization.View, "fct_orders"));

        var result = await h.RunAsync(h.Model("fct_orders", $"SELECT id FROM {orders}"));

        if (kind == "postgresql")
        {
            // PostgreSQL re-creates the dependent view in the swap's transaction; it no longer compiles, so nothing changes.
            Assert.Equal(RunStatus.Failed, result.Status);
            Assert.Contains("amount", Assert.Single(result.Nodes).Error);
            Assert.Equal(["10"], await h.RowsAsync($"SELECT amount FROM {h.Ref("amounts")}"));
        }
        else
        {
            // SQLite resolves a view's names when it is read: the swap succeeds and the view fails when read, as in SQLite itself.
            Assert.Equal(RunStatus.Succeeded, result.Status);
            await Assert.ThrowsAsync<WarehouseException>(() => h.RowsAsync($"SELECT amount FROM {h.Ref("amounts")}"));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_reader_on_another_connection_never_finds_a_rebuilt_table_or_its_view_missing(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var numbers = await h.SourceAsync("numbers", kind == "postgresql"
            ? "SELECT generate_series(1, 20000) AS id"
            : "WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < 20000) SELECT id FROM n");
        TransformNode Version(int version) => h.Model("fct_numbers", $"SELECT {version} AS version, id FROM {numbers}");
        var view = h.Model("numbers_view", $"SELECT version, id FROM {h.Ref("fct_numbers")}", Materialization.View, "fct_numbers");
        await h.RunAsync(Version(1), view);

        await using var reader = h.Test.Open();
        var readOnly = new QueryOptions { ReadOnly = true };
        using var done = new CancellationTokenSource();
        var seen = new Dictionary<string, List<long>> { [h.Ref("fct_numbers")] = [], [h.Ref("numbers_view")] = [] };
        var rounds = 0;
        var reading = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var (relation, versions) in seen)
                {
                    var row = (await reader.QueryAsync($"SELECT min(version), max(version), count(*) FROM {relation}", readOnly)).Rows[0];
                    Assert.Equal(row[0], row[1]);
                    Assert.Equal(20000L, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
                    versions.Add(Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
                }

                Interlocked.Increment(ref rounds);
            }
        });

        async Task ReadTwiceMoreAsync()
        {
            var after = Volatile.Read(ref rounds) + 2;
            while (Volatile.Read(ref rounds) < after && !reading.IsCompleted)
            {
                await Task.Delay(1);
            }
        }

        // The reader reads on through each rebuild, and twice more between one and the next.
        for (var version = 2; version <= 8; version++)
        {
            await ReadTwiceMoreAsync();
            Assert.Equal(RunStatus.Succeeded, (await h.RunAsync(Version(version))).Status);
        }

        await ReadTwiceMoreAsync();
        await done.CancelAsync();
        await reading; // rethrows what the reader hit: a missing relation, a half-built one

        foreach (var (relation, versions) in seen)
        {
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], versions.Distinct().Order()); // each version read, never a mix of two
            Assert.Equal(versions.Order(), versions); // never an older version after a newer one
        }

        Assert.Equal(["8|20000"], await h.RowsAsync($"SELECT max(version), count(*) FROM {h.Ref("numbers_view")}"));
    }
}
