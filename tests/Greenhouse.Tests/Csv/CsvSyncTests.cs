using System.Globalization;
using Greenhouse.Sources;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Csv;

/// <summary>
/// A folder of CSV files → sync engine → a real SQLite file or PostgreSQL schema; the connector contract on
/// customers.csv beside Orders.csv, and what only CSV files do.
/// </summary>
public sealed class CsvSyncTests : ConnectorContract
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    protected override SandboxVendor Vendor => SandboxVendor.Csv;

    protected override string Stream => "customers";

    /// <summary>A file has no cursor: every run reads it whole.</summary>
    protected override SyncMode SecondSyncMode(string stream) => SyncMode.FullRefresh;

    protected override async Task<SourceHarness> StartAsync(string kind)
    {
        var harness = await base.StartAsync(kind);
        WriteCustomers(harness);
        WriteOrders(harness);
        return harness;
    }

    private static void WriteCustomers(SourceHarness harness) => harness.WriteFile(
        "customers.csv",
        "id,name,visits,balance,active,signed_up,zip",
        "1,Ada,3,10.50,true,2024-01-15T09:30:00Z,01234",
        "2,Grace,12,0.25,false,2024-02-01,94105",
        "3,\"Hopper, Jr.\",7,-3.75,TRUE,2024-03-10T12:00:00+02:00,",
        "4,Linus,,100,false,2024-04-01,10001");

    private static void WriteOrders(SourceHarness harness) => harness.WriteFile(
        "Orders.csv",
        "id,customer,amount",
        "o1,1,19.99",
        "o2,2,5",
        "o3,2,7.5");

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Two_files_land_as_two_tables_with_inferred_typed_columns(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        WriteCustomers(harness);
        WriteOrders(harness);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(["files.customers", "files.orders"], summary.Streams.Select(s => s.Stream).Order(StringComparer.Ordinal));
        Assert.All(summary.Streams, s => Assert.Equal(0, s.Warnings));
        Assert.Equal(["1", "2", "3", "4"], (await harness.LiveIdsAsync("customers")).Order(StringComparer.Ordinal));
        Assert.Equal(["o1", "o2", "o3"], (await harness.LiveIdsAsync("orders")).Order(StringComparer.Ordinal));

        var customers = harness.Table("customers");
        // Typed: sums and comparisons only work on numbers, booleans and instants.
        var totals = (await harness.QueryAsync($"SELECT SUM(visits), SUM(balance) FROM {customers}")).Rows[0];
        Assert.Equal(22, Long(totals[0]));
        Assert.Equal(107m, Convert.ToDecimal(totals[1], CultureInfo.InvariantCulture));
        var active = await harness.QueryAsync($"SELECT id FROM {customers} WHERE active = TRUE ORDER BY id");
        Assert.Equal(["1", "3"], active.Rows.Select(r => (string)r[0]!));
        var early = await harness.QueryAsync($"SELECT id FROM {customers} WHERE signed_up < '2024-02-15T00:00:00Z' ORDER BY id");
        Assert.Equal(["1", "2"], early.Rows.Select(r => (string)r[0]!));
        // Leading zeros keep a column text; the raw JSON keeps the original strings; an empty field is null.
        var ada = (await harness.QueryAsync($"SELECT zip, name, _gh_raw FROM {customers} WHERE id = '1'")).Rows[0];
        Assert.Equal("01234", ada[0]);
        Assert.Equal("Ada", ada[1]);
        using (var raw = System.Text.Json.JsonDocument.Parse((string)ada[2]!))
        {
            Assert.Equal("3", raw.RootElement.GetProperty("visits").GetString());
            Assert.Equal("01234", raw.RootElement.GetProperty("zip").GetString());
        }

        Assert.Equal("Hopper, Jr.", (await harness.QueryAsync($"SELECT name FROM {customers} WHERE id = '3'")).Rows[0][0]);
        Assert.Null((await harness.QueryAsync($"SELECT visits FROM {customers} WHERE id = '4'")).Rows[0][0]);

        var amount = (await harness.QueryAsync($"SELECT SUM(amount) FROM {harness.Table("orders")}")).Rows[0][0];
        Assert.Equal(32.49m, Convert.ToDecimal(amount, CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Edited_row_updates_removed_row_is_soft_deleted_added_row_is_new(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        WriteCustomers(harness);
        await harness.SyncAsync();

        harness.WriteFile(
            "customers.csv",
            "id,name,visits,balance,active,signed_up,zip",
            "1,Ada,4,10.50,true,2024-01-15T09:30:00Z,01234",
            "3,\"Hopper, Jr.\",7,-3.75,TRUE,2024-03-10T12:00:00+02:00,",
            "4,Linus,,100,false,2024-04-01,10001",
            "5,Barbara,1,0,true,2024-05-05,02139");
        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(new BatchCounts(1, 1, 2, 1), harness.Stream(summary, "customers").Counts);
        Assert.Equal(["1", "3", "4", "5"], (await harness.LiveIdsAsync("customers")).Order(StringComparer.Ordinal));
        var customers = harness.Table("customers");
        Assert.Equal(4, Long((await harness.QueryAsync($"SELECT visits FROM {customers} WHERE id = '1'")).Rows[0][0]));
        Assert.NotNull((await harness.QueryAsync($"SELECT _gh_deleted_at FROM {customers} WHERE id = '2'")).Rows[0][0]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_new_file_becomes_a_new_stream(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        WriteCustomers(harness);
        var first = await harness.SyncAsync();
        Assert.Equal(["files.customers"], first.Streams.Select(s => s.Stream));

        WriteOrders(harness);
        var second = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal(3, harness.Stream(second, "orders").Counts.New);
        Assert.Equal(0, harness.Stream(second, "customers").Counts.New);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Without_a_primary_key_rows_are_keyed_by_the_hash_of_their_content(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Csv, kind);
        harness.WriteConfig(defaults: "");
        harness.WriteFile("events.csv", "kind,at", "signup,2024-01-01", "login,2024-01-02", "login,2024-01-03");
        var first = await harness.SyncAsync();
        var ids = await harness.LiveIdsAsync("events");
        Assert.Equal(3, ids.Count);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));

        harness.WriteFile("events.csv", "kind,at", "signup,2024-01-01", "login,2024-01-02", "logout,2024-01-03");
        var second = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(new BatchCounts(1, 0, 2, 1), harness.Stream(second, "events").Counts);
        Assert.Equal(3, (await harness.LiveIdsAsync("events")).Count);
        Assert.Equal(2, (await harness.LiveIdsAsync("events")).Intersect(ids).Count());
    }
}
