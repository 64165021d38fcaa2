using Greenhouse.Catalog;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Catalog;

/// <summary>The catalog service behind the MCP tools, on a warehouse synced from the sandbox: size limits, modelled relations, unknown names.</summary>
public sealed class CatalogServiceTests
{
    private static async Task<SourceHarness> SyncedAsync(string kind)
    {
        var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [customers]");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        return harness;
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_answer_past_the_size_limit_is_cut_to_whole_rows_and_says_how(string kind)
    {
        await using var harness = await SyncedAsync(kind);
        await using var warehouse = harness.Warehouse.Open();
        var catalog = new CatalogService(harness.LoadConfig(), warehouse, new CatalogOptions { MaxResultCharacters = 2_000, MaxValueCharacters = 40 });
        var total = await harness.CountAsync("customers");

        var answer = await catalog.QueryAsync($"SELECT id, _gh_raw FROM {harness.Table("customers")} ORDER BY id", maxRows: 1_000);

        Assert.True(answer.Truncated);
        Assert.Equal("characters", answer.CutBy);
        Assert.True(answer.ValuesCut);
        Assert.InRange(answer.ReturnedRows, 1, total - 1);
        Assert.Equal(answer.ReturnedRows, answer.Rows.Count);
        Assert.Equal(total, answer.TotalRows);
        Assert.True(answer.Rows.Sum(r => r.ToJsonString().Length + 1) <= 2_000);
        Assert.Contains("more characters cut", answer.Rows[0][1]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith($"first {answer.ReturnedRows} of {total} rows: the answer reached its size limit", answer.Note, StringComparison.Ordinal);
        Assert.Contains("long text values were cut", answer.Note, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Modelled_tables_and_views_are_listed_and_described_beside_the_streams(string kind)
    {
        await using var harness = await SyncedAsync(kind);
        await using var warehouse = harness.Warehouse.Open();
        var schema = harness.Warehouse.ModelSchema();
        var emails = warehouse.ModelRelation(schema, "customer_emails");
        var recent = warehouse.ModelRelation(schema, "recent_customers");
        await warehouse.EnsureSchemaAsync(emails);
        await warehouse.ExecuteAsync($"""
            CREATE TABLE {emails.Sql} AS SELECT id, email FROM {harness.Table("customers")} WHERE _gh_deleted_at IS NULL;
            CREATE VIEW {recent.Sql} AS SELECT id, created FROM {harness.Table("customers")};
            CREATE TABLE {warehouse.Dialect.Relation(schema, "customer_emails__gh_tmp")} (id text)
            """);
        var catalog = new CatalogService(harness.LoadConfig(), warehouse, new CatalogOptions { ModelSchema = schema });
        var live = (await harness.LiveIdsAsync("customers")).Count;

        var tables = (await catalog.ListTablesAsync()).Tables;
        var described = await catalog.DescribeTableAsync("customer_emails");

        var table = Assert.Single(tables, t => t.Name == emails.Sql.Replace("\"", ""));
        var view = Assert.Single(tables, t => t.Name == recent.Sql.Replace("\"", ""));
        Assert.Equal(3, tables.Count);
        Assert.Equal(("table", live), (table.Kind, table.Rows));
        Assert.Equal(("view", (long?)null), (view.Kind, view.Rows));
        Assert.Null(table.Stream);
        Assert.Equal(["id", "email"], described.Columns.Select(c => c.Name));
        Assert.Equal(3, described.SampleRows.Count);
    }

    [Fact]
    public async Task An_unknown_table_is_refused_naming_the_known_ones()
    {
        await using var harness = await SyncedAsync("sqlite");
        await using var warehouse = harness.Warehouse.Open();
        var catalog = new CatalogService(harness.LoadConfig(), warehouse);

        var refused = await Assert.ThrowsAsync<CatalogException>(() => catalog.DescribeTableAsync("customers_typo"));
        var found = await catalog.DescribeTableAsync("RAW_STRIPE_CUSTOMERS");

        Assert.Contains("No table 'customers_typo'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("raw_stripe_customers", refused.Message, StringComparison.Ordinal);
        Assert.Equal("stripe.customers", found.Stream);
    }

    [Fact]
    public async Task A_cut_result_that_cannot_be_counted_says_the_total_is_unknown()
    {
        await using var harness = await SyncedAsync("sqlite");
        await using var warehouse = harness.Warehouse.Open();
        var catalog = new CatalogService(harness.LoadConfig(), warehouse);

        var answer = await catalog.QueryAsync("PRAGMA table_info(raw_stripe_customers)", maxRows: 2);

        Assert.Equal(("max_rows", (long?)null, 2), (answer.CutBy, answer.TotalRows, answer.ReturnedRows));
        Assert.StartsWith("first 2 rows; more were cut (not counted)", answer.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task Max_rows_outside_its_range_is_refused(int maxRows)
    {
        await using var harness = await SyncedAsync("sqlite");
        await using var warehouse = harness.Warehouse.Open();
        var catalog = new CatalogService(harness.LoadConfig(), warehouse);

        var refused = await Assert.ThrowsAsync<CatalogException>(() => catalog.QueryAsync("SELECT 1", maxRows));

        Assert.Contains("max_rows must be between 1 and 10,000", refused.Message, StringComparison.Ordinal);
    }
}
