using System.Text.Json;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary>
/// <c>greenhouse query</c> shows values exactly as stored (never rounded), NULL apart from the text 'NULL', bytes and
/// arrays readably; <c>--format csv|json</c> for scripts; the table shows the first 1,000 rows and counts the rest.
/// </summary>
public sealed class QueryOutputTests
{
    private const string Values = "SELECT 1.0595 AS rate, 0.000123 AS tiny, NULL AS missing, 'NULL' AS word, 42 AS answer";

    private const string Rows1500 = "WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < 1500) SELECT g FROM c";

    private static async Task<Infrastructure.Cli.Result> QueryAsync(TestWarehouse warehouse, params string[] args) =>
        await Infrastructure.Cli.RunAsync(Path.GetTempPath(), null, ["query", "--warehouse", warehouse.Spec, .. args]);

    private static async Task<TestWarehouse> WarehouseAsync(string kind)
    {
        var warehouse = await TestWarehouse.CreateAsync(kind);
        await warehouse.OpenMigratedAsync();
        return warehouse;
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_table_shows_decimals_exactly_and_null_apart_from_the_text_null(string kind)
    {
        await using var warehouse = await WarehouseAsync(kind);

        var result = await QueryAsync(warehouse, Values);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var row = result.Stdout.Split('\n').Single(l => l.Contains("1.0595", StringComparison.Ordinal));
        Assert.Equal(["1.0595", "0.000123", "NULL", "'NULL'", "42"], row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("(1 row)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_arrays_and_postgres_types_are_readable()
    {
        await using var warehouse = await WarehouseAsync("postgresql");

        var result = await QueryAsync(warehouse,
            "SELECT '\\x0102ff'::bytea AS b, ARRAY[1,2,3] AS a, ARRAY['x','y z'] AS s, '192.168.0.1'::inet AS ip, '2024-01-02 03:04:05.123456+00'::timestamptz AS at");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("System.", result.Stdout, StringComparison.Ordinal);
        foreach (var text in new[] { "\\x0102ff", "{1,2,3}", "{x,\"y z\"}", "192.168.0.1", "03:04:05.123456Z" })
        {
            Assert.Contains(text, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Csv_prints_a_header_and_exact_values_null_as_an_empty_field(string kind)
    {
        await using var warehouse = await WarehouseAsync(kind);

        var result = await QueryAsync(warehouse, "--format", "csv", Values + ", 'a,b' AS pair");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("rate,tiny,missing,word,answer,pair\n1.0595,0.000123,,NULL,42,\"a,b\"\n", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Json_prints_one_object_per_row_with_types_kept(string kind)
    {
        await using var warehouse = await WarehouseAsync(kind);

        var result = await QueryAsync(warehouse, "--format", "json", Values + " UNION ALL SELECT 2.5, 0.5, NULL, 'x', 7");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var row = first.RootElement;
        Assert.Equal(1.0595m, row.GetProperty("rate").GetDecimal());
        Assert.Equal(0.000123m, row.GetProperty("tiny").GetDecimal());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("missing").ValueKind);
        Assert.Equal("NULL", row.GetProperty("word").GetString());
        Assert.Equal(42, row.GetProperty("answer").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_table_shows_the_first_thousand_rows_of_the_counted_total_and_csv_all(string kind)
    {
        await using var warehouse = await WarehouseAsync(kind);

        var table = await QueryAsync(warehouse, Rows1500);
        var csv = await QueryAsync(warehouse, "--format", "csv", Rows1500);
        var limited = await QueryAsync(warehouse, "--limit", "5", Rows1500);

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("(first 1,000 of 1,500 rows;", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("│ 1000 │", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("│ 1001 │", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(1501, csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("(first 5 of 1,500 rows;", limited.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Status_json_prints_each_streams_status_for_scripts(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        harness.WriteConfig("streams: [coupons, products]");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "status", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToDictionary(s => s.GetProperty("stream").GetString()!);
        Assert.Equal(["stripe.coupons", "stripe.products"], streams.Keys.Order(StringComparer.Ordinal));
        var coupons = streams["stripe.coupons"];
        Assert.Equal(harness.Sandbox.Stripe.Data.Count("coupons"), coupons.GetProperty("rows").GetInt64());
        Assert.Equal("pass", coupons.GetProperty("freshness").GetString());
        Assert.Equal(JsonValueKind.String, coupons.GetProperty("last_success").ValueKind);
        var run = coupons.GetProperty("last_run");
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(harness.Sandbox.Stripe.Data.Count("coupons"), run.GetProperty("new").GetInt32());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("models").ValueKind);
    }
}
