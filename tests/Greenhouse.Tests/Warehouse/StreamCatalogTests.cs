using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// What BI tools and psql see of a landed table: its descriptions as <c>COMMENT ON</c> (PostgreSQL) and indexes on the
/// columns people filter or join on (both), read back through the database's own catalog.
/// </summary>
public sealed class StreamCatalogTests
{
    private static StreamDescriptor Orders(string description, string emailDescription) => new("shop", new StreamSpec("orders", "id",
    [
        new ColumnSpec("email", ColumnType.Text) { Indexed = true, Description = emailDescription },
        new ColumnSpec("customer", ColumnType.Text) { References = "customers", Description = "the id of the customer who ordered" },
        new ColumnSpec("created", ColumnType.Timestamp) { Indexed = true, Description = "when the order was placed" },
        new ColumnSpec("note", ColumnType.Text),
    ], Cursor: null, description));

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_column_a_stream_is_read_incrementally_by_is_indexed_for_the_models_that_filter_on_it(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = await test.OpenMigratedAsync();
        var stream = new StreamDescriptor("shop", new StreamSpec("events", "id",
            [new ColumnSpec("updated", ColumnType.Integer, "updated_at"), new ColumnSpec("note", ColumnType.Text)], Cursor: "updated_at", null));

        await warehouse.EnsureStreamTableAsync(stream);

        var prefix = kind == "sqlite" ? "raw_shop_events" : "shop_events";
        Assert.Equal([$"{prefix}_updated_idx"], await IndexesAsync(warehouse, test, "shop_events"));
        Assert.True(stream.IsIndexed(stream.Columns[0]));
        Assert.False(stream.IsIndexed(stream.Columns[1]));
    }

    [Fact]
    public async Task Descriptions_become_comments_psql_shows_and_follow_the_connector()
    {
        await using var test = await TestWarehouse.CreateAsync("postgresql");
        await using var warehouse = await test.OpenMigratedAsync();
        var table = $"\"{test.RawSchema}\".shop_orders";

        await warehouse.EnsureStreamTableAsync(Orders("Shop orders: one row per checkout", "the buyer's email, as typed at checkout"));
        var first = await CommentsAsync(warehouse, table);
        await warehouse.EnsureStreamTableAsync(Orders("Shop's orders, refunds included", "the buyer's email (lower case)"));
        var second = await CommentsAsync(warehouse, table);

        Assert.Equal("Shop orders: one row per checkout (Greenhouse stream shop.orders; live rows: _gh_deleted_at IS NULL)", first[""]);
        Assert.Equal("the buyer's email, as typed at checkout", first["email"]);
        Assert.Equal("when the order was placed", first["created"]);
        Assert.StartsWith("when the record was found deleted", first["_gh_deleted_at"], StringComparison.Ordinal);
        Assert.StartsWith("the record as the vendor sent it", first["_gh_raw"], StringComparison.Ordinal);
        Assert.Null(first["note"]);
        Assert.StartsWith("Shop's orders, refunds included", second[""], StringComparison.Ordinal);
        Assert.Equal("the buyer's email (lower case)", second["email"]);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Emails_foreign_ids_and_creation_times_are_indexed_and_nothing_else(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = await test.OpenMigratedAsync();
        var stream = Orders("Shop orders", "the buyer's email");

        await warehouse.EnsureStreamTableAsync(stream);
        await warehouse.EnsureStreamTableAsync(stream);
        var indexes = await IndexesAsync(warehouse, test, "shop_orders");

        var prefix = kind == "sqlite" ? "raw_shop_orders" : "shop_orders";
        Assert.Equal([$"{prefix}_created_idx", $"{prefix}_customer_idx", $"{prefix}_email_idx"], indexes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_synced_stripe_warehouse_describes_itself_in_the_postgres_catalog()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "postgresql");
        harness.WriteConfig("streams: [customers, subscriptions]");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        await using var warehouse = harness.Warehouse.Open();

        var customers = await CommentsAsync(warehouse, harness.Table("customers"));
        var indexes = await IndexesAsync(warehouse, harness.Warehouse, "stripe_subscriptions");

        Assert.StartsWith("Stripe customers: the people and companies you bill", customers[""], StringComparison.Ordinal);
        Assert.Equal("Stripe customer's email address", customers["email"]);
        Assert.Contains("stripe_subscriptions_customer_idx", indexes);
        Assert.Contains("stripe_subscriptions_created_idx", indexes);
        Assert.DoesNotContain("stripe_subscriptions_status_idx", indexes);
    }

    /// <summary>The table's comment (key "") and each column's, as psql's <c>\d+</c> reads them.</summary>
    private static async Task<Dictionary<string, string?>> CommentsAsync(IWarehouse warehouse, string table)
    {
        var result = await warehouse.QueryAsync($"""
            SELECT '' AS name, obj_description('{table}'::regclass, 'pg_class')
            UNION ALL
            SELECT attname, col_description(attrelid, attnum) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped
            """);
        return result.Rows.ToDictionary(r => (string)r[0]!, r => (string?)r[1]);
    }

    private static async Task<List<string>> IndexesAsync(IWarehouse warehouse, TestWarehouse test, string table)
    {
        var result = test.Kind == "sqlite"
            ? await warehouse.QueryAsync($"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'raw_{table}' AND sql IS NOT NULL")
            : await warehouse.QueryAsync($"SELECT indexname FROM pg_indexes WHERE schemaname = '{test.RawSchema}' AND tablename = '{table}' AND indexname NOT LIKE '%_pkey'");
        return [.. result.Rows.Select(r => (string)r[0]!)];
    }
}
