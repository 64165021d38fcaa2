using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sources;
using Greenhouse.Warehouse;
using static Greenhouse.Tests.Warehouse.TestRows;

namespace Greenhouse.Tests.Warehouse;

public sealed class WarehouseSchemaTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Migrating_twice_and_concurrently_is_fine(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var one = test.Open();
        var two = test.Open();

        await Task.WhenAll(one.MigrateAsync(), two.MigrateAsync());
        await one.MigrateAsync();

        Assert.Equal(3, await ScalarAsync(one, $"SELECT count(*) FROM {CommitBatchTests.MetaTable(test, "_gh_migrations")}"));
        Assert.Empty(await one.ReadStreamRunsAsync());
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_instance_migrates_once_and_a_new_instance_checks_again(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var once = test.Open();
        await once.MigrateAsync();
        var migrations = CommitBatchTests.MetaTable(test, "_gh_migrations");
        var second = string.Join("; ", new[] { "_gh_events", "_gh_alerts", "_gh_schedule" }.Select(t => $"DROP TABLE {CommitBatchTests.MetaTable(test, t)}"));
        await once.ExecuteAsync($"DELETE FROM {migrations} WHERE version = 2; {second}");

        await once.MigrateAsync();
        Assert.Equal(2, await ScalarAsync(once, $"SELECT count(*) FROM {migrations}"));

        var fresh = test.Open();
        await fresh.MigrateAsync();
        Assert.Equal(3, await ScalarAsync(once, $"SELECT count(*) FROM {migrations}"));
        Assert.Empty(await fresh.ReadAlertsAsync());
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Stream_table_gains_a_newly_declared_column(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, [Row("old")]));
        var wider = Items with { Spec = Items.Spec with { Columns = [.. Items.Columns, new ColumnSpec("country", ColumnType.Text, "address.country")] } };

        await warehouse.EnsureStreamTableAsync(wider);
        await warehouse.EnsureStreamTableAsync(wider);
        var row = Row("new") is var r ? r with { Values = [.. r.Values, "NL"] } : null!;
        await warehouse.CommitBatchAsync(Batch(runId, [row], stream: wider));

        Assert.Equal("NL", await ValueAsync(warehouse, "country", "new"));
        Assert.Null(await ValueAsync(warehouse, "country", "old"));
        Assert.Equal(2, await warehouse.CountRowsAsync(wider));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Typed_values_round_trip(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        var created = new DateTimeOffset(2024, 2, 29, 23, 59, 59, 123, TimeSpan.FromHours(2));
        var full = Row("full") with { Values = ["Zoë \"quoted\"", 9_007_199_254_740_993L, 12345678901234.5678m, false, created] };
        var empty = Row("empty") with { Values = [null, null, null, null, null] };

        await warehouse.CommitBatchAsync(Batch(runId, [full, empty]));

        var result = await warehouse.QueryAsync(
            $"SELECT name, amount, rate, active, created, _gh_raw FROM {warehouse.TableSql(Items)} WHERE id = 'full'");
        var values = Assert.Single(result.Rows);
        Assert.Equal(["name", "amount", "rate", "active", "created", "_gh_raw"], result.Columns);
        Assert.Equal("Zoë \"quoted\"", values[0]);
        Assert.Equal(9_007_199_254_740_993L, Convert.ToInt64(values[1], CultureInfo.InvariantCulture));
        Assert.Equal(12345678901234.5678m, decimal.Parse(Convert.ToString(values[2], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture));
        Assert.False(Convert.ToBoolean(values[3], CultureInfo.InvariantCulture));
        Assert.Equal(created, Instant(values[4]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(full.RawJson), JsonNode.Parse((string)values[5]!)));
        if (kind == "sqlite")
        {
            Assert.Equal("2024-02-29T21:59:59.123Z", values[4]);
        }

        var nulls = Assert.Single((await warehouse.QueryAsync(
            $"SELECT name, amount, rate, active, created FROM {warehouse.TableSql(Items)} WHERE id = 'empty'")).Rows);
        Assert.All(nulls, Assert.Null);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Table_sql_is_quoted_for_the_dialect(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();

        var expected = kind == "postgresql" ? $"\"{test.RawSchema}\".\"test_items\"" : "\"raw_test_items\"";
        Assert.Equal(expected, warehouse.TableSql(Items));
        Assert.Equal(kind, warehouse.Kind);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Counting_a_table_that_does_not_exist_gives_zero(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = await test.OpenMigratedAsync();

        Assert.Equal(0, await warehouse.CountRowsAsync(Items));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Bad_sql_in_a_query_is_a_warehouse_error(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = await test.OpenMigratedAsync();

        var error = await Assert.ThrowsAsync<WarehouseException>(() => warehouse.QueryAsync("SELECT * FROM no_such_table"));

        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Instant(object? value) => value switch
    {
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        DateTimeOffset t => t,
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Not an instant: {value}"),
    };
}
