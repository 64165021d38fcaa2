using System.Text.Json;
using Greenhouse.Warehouse;
using static Greenhouse.Tests.Warehouse.TestRows;

namespace Greenhouse.Tests.Warehouse;

/// <summary>What each dialect's capabilities say, and that the SQL they write runs.</summary>
public sealed class DialectTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_relation_is_quoted_and_qualified_as_the_dialect_needs(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var dialect = test.Open().Dialect;

        Assert.Equal(kind, dialect.Kind);
        Assert.Equal("\"say \"\"hi\"\"\"", dialect.Quote("say \"hi\""));
        Assert.True(dialect.TransactionalDdl);
        if (kind == "postgresql")
        {
            Assert.Equal("\"raw\".\"stripe_customers\"", dialect.Relation("raw", "stripe_customers"));
            Assert.Equal("stripe_customers", dialect.TableName("raw", "stripe_customers"));
            Assert.Equal(63, dialect.MaxIdentifierLength);
        }
        else
        {
            Assert.Equal("\"raw_stripe_customers\"", dialect.Relation("raw", "stripe_customers"));
            Assert.Equal("raw_stripe_customers", dialect.TableName("raw", "stripe_customers"));
            Assert.Null(dialect.MaxIdentifierLength);
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_stream_table_is_the_relation_of_its_raw_schema(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();

        Assert.Equal(warehouse.Dialect.Relation(test.RawSchema, Items.TableName), warehouse.TableSql(Items));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_JSON_path_reads_the_same_text_from_the_raw_column_in_both_dialects(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        var raw = JsonSerializer.Serialize(new { id = "j", address = new { city = "Utrecht", zip = "3511" }, tags = new[] { "a", "b" }, count = 42, paid = true, note = (string?)null });
        await warehouse.CommitBatchAsync(Batch(runId, [Row("j") with { RawJson = raw, Hash = Hash(raw) }]));
        var d = warehouse.Dialect;

        var result = await warehouse.QueryAsync($"""
            SELECT {d.JsonText("_gh_raw", "address", "city")}, {d.JsonText("_gh_raw", "tags", "1")}, {d.JsonText("_gh_raw", "count")},
                   {d.JsonText("_gh_raw", "paid")}, {d.JsonText("_gh_raw", "note")}, {d.JsonText("_gh_raw", "missing", "key")},
                   {d.JsonText("_gh_raw", "address")}
            FROM {warehouse.TableSql(Items)} WHERE {d.JsonText("_gh_raw", "address", "zip")} = '3511'
            """);

        var row = Assert.Single(result.Rows);
        Assert.Equal(["Utrecht", "b", "42", "true", null, null], row[..6]);
        Assert.Equal("Utrecht", JsonDocument.Parse((string)row[6]!).RootElement.GetProperty("city").GetString());
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_table_built_with_create_table_as_is_swapped_in_atomically(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var warehouse = test.Open();
        var runId = await PrepareAsync(warehouse);
        await warehouse.CommitBatchAsync(Batch(runId, Rows(3)));
        var d = warehouse.Dialect;
        var next = d.Relation(test.RawSchema, "names_next");
        var names = d.Relation(test.RawSchema, "names");

        foreach (var limit in new[] { 3, 2 })
        {
            await warehouse.ExecuteAsync(d.CreateTableAs(next, $"SELECT id, name FROM {warehouse.TableSql(Items)} ORDER BY id LIMIT {limit}"));
            await warehouse.ExecuteAsync(d.SwapTable(test.RawSchema, "names_next", "names"));

            Assert.Equal(limit, await ScalarAsync(warehouse, $"SELECT count(*) FROM {names}"));
        }

        await Assert.ThrowsAsync<WarehouseException>(() => warehouse.QueryAsync($"SELECT * FROM {next}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_JSON_path_without_keys_or_with_a_quote_is_refused(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        var dialect = test.Open().Dialect;

        Assert.Throws<ArgumentException>(() => dialect.JsonText("_gh_raw", "it's"));
        Assert.Throws<ArgumentException>(() => dialect.JsonText("_gh_raw", "say \"hi\""));
        Assert.Throws<ArgumentException>(() => dialect.JsonText("_gh_raw"));
    }
}
