using System.Diagnostics;
using Greenhouse.Warehouse;
using static Greenhouse.Tests.Warehouse.TestRows;

namespace Greenhouse.Tests.Warehouse;

/// <summary>The SQL client's limits: read-only, a row limit, a timeout, cancellation; typed columns; all-or-nothing statements.</summary>
public sealed class SqlClientTests
{
    private static readonly QueryOptions ReadOnly = new() { ReadOnly = true };

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_read_only_query_refuses_a_write(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, Rows(3)));
        var table = warehouse.TableSql(Items);

        var delete = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.QueryAsync($"DELETE FROM {table}", ReadOnly));
        var escape = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.QueryAsync($"COMMIT; DELETE FROM {table}", ReadOnly));

        Assert.StartsWith("Query refused: ", delete.Message, StringComparison.Ordinal);
        Assert.True(delete.WriteRefused);
        Assert.StartsWith("Query refused: ", escape.Message, StringComparison.Ordinal);
        Assert.Equal(3, await warehouse.CountRowsAsync(Items));
        Assert.Equal(3, await ScalarAsync(warehouse, $"SELECT count(*) FROM {table}"));
        Assert.Equal(3L, Convert.ToInt64(Assert.Single((await warehouse.QueryAsync($"SELECT count(*) FROM {table}", ReadOnly)).Rows)[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_row_limit_keeps_that_many_rows_and_says_there_were_more(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, Rows(5)));
        var sql = $"SELECT id FROM {warehouse.TableSql(Items)} ORDER BY id";

        var cut = await warehouse.QueryAsync(sql, new QueryOptions { MaxRows = 3 });
        var whole = await warehouse.QueryAsync(sql, new QueryOptions { MaxRows = 5, ReadOnly = true });

        Assert.Equal(["id00001", "id00002", "id00003"], cut.Rows.Select(r => (string)r[0]!));
        Assert.True(cut.Truncated);
        Assert.Equal(5, whole.Rows.Count);
        Assert.False(whole.Truncated);
        Assert.False((await warehouse.QueryAsync(sql)).Truncated);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task A_timeout_stops_a_long_query_and_the_warehouse_stays_usable(string kind, bool readOnly)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        await warehouse.MigrateAsync();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<WarehouseException>(() =>
            warehouse.QueryAsync(Endless(kind), new QueryOptions { Timeout = TimeSpan.FromMilliseconds(300), ReadOnly = readOnly }));

        Assert.Equal("Query stopped: it ran longer than its timeout of 0.3 s.", error.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));
        Assert.Equal(1, await ScalarAsync(warehouse, "SELECT 1"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Cancelling_stops_a_running_query(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        await warehouse.MigrateAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => warehouse.QueryAsync(Endless(kind), QueryOptions.Unrestricted, cancel.Token));

        Assert.Equal(1, await ScalarAsync(warehouse, "SELECT 1"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Result_columns_carry_their_database_types(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, [Row("a")]));

        var result = await warehouse.QueryAsync($"SELECT id, name, amount, rate, active, created, _gh_raw FROM {warehouse.TableSql(Items)}", ReadOnly);

        Assert.Equal(["id", "name", "amount", "rate", "active", "created", "_gh_raw"], result.Columns);
        Assert.Equal(
            kind == "postgresql"
                ? ["text", "text", "bigint", "numeric", "boolean", "timestamp with time zone", "jsonb"]
                : ["TEXT", "TEXT", "INTEGER", "TEXT", "INTEGER", "TEXT", "TEXT"],
            result.ColumnTypes);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Statements_run_all_or_nothing_in_one_transaction(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        await warehouse.MigrateAsync();
        var table = warehouse.Dialect.Relation(test.RawSchema, "notes");

        var changed = await warehouse.ExecuteAsync($"CREATE TABLE {table} (id text); INSERT INTO {table} VALUES ('a'); INSERT INTO {table} VALUES ('b')");
        var failed = await Assert.ThrowsAsync<WarehouseException>(() =>
            warehouse.ExecuteAsync($"INSERT INTO {table} VALUES ('c'); INSERT INTO {warehouse.Dialect.Relation(test.RawSchema, "missing")} VALUES ('d')"));

        Assert.Equal(2, changed);
        Assert.StartsWith("Statement failed: ", failed.Message, StringComparison.Ordinal);
        Assert.Equal(2, await ScalarAsync(warehouse, $"SELECT count(*) FROM {table}"));
    }

    public static TheoryData<string, bool> Limits { get; } = new() { { "sqlite", false }, { "sqlite", true }, { "postgresql", false }, { "postgresql", true } };

    /// <summary>A query that never ends on its own.</summary>
    private static string Endless(string kind) => kind == "postgresql"
        ? "SELECT pg_sleep(60)"
        : "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";
}
