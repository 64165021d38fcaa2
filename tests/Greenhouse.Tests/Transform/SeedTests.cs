using System.Security.Cryptography;
using Greenhouse.Transform;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>Seeds: CSV files loaded whole on every run, with types inferred as dbt infers them or given as column_types.</summary>
public sealed class SeedTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gh-seeds-");

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private SeedFile Csv(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name + ".csv");
        File.WriteAllText(path, text);
        return new SeedFile(path);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_seed_loads_its_rows_with_types_inferred_like_dbt(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var file = Csv("customers", """
            id,name,amount,active,signed_up,last_seen,empty,code
            1,Ann,10.50,true,2024-01-02,2024-01-02 10:00:00,,007
            2,"Bob, Jr.",3,false,2024-02-03,2024-02-03T11:30:00,null,12
            """);

        var result = await h.RunAsync(h.Seed("customers", file));

        var node = Assert.Single(result.Nodes);
        Assert.Equal(ModelRunStatus.Succeeded, node.Status);
        Assert.Equal("seed", node.Materialization);
        Assert.Equal(2, node.RowsAffected);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.Path))), node.SqlHash);
        var columns = (await h.Warehouse.DescribeRelationAsync(h.Warehouse.ModelRelation(h.Schema, "customers")))!.Columns;
        Assert.Equal(kind == "postgresql"
            ? ["integer", "text", "numeric", "boolean", "date", "timestamp without time zone", "integer", "integer"]
            : ["INTEGER", "TEXT", "NUMERIC", "BOOLEAN", "DATE", "TIMESTAMP", "INTEGER", "INTEGER"], columns.Select(c => c.Type));
        Assert.Equal(["1|Ann|1050|yes|2024-01-02|∅|7", "2|Bob, Jr.|300|no|2024-02-03|∅|12"], await h.RowsAsync($"""
            SELECT id, name, CAST(amount * 100 AS integer), CASE WHEN active THEN 'yes' ELSE 'no' END, CAST(signed_up AS text), empty, code
            FROM {h.Ref("customers")} ORDER BY id
            """));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Column_types_override_what_would_be_inferred(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var file = Csv("codes", "code,amount,label\n007,10,a\n012,20,b\n") with
        {
            ColumnTypes = new Dictionary<string, string> { ["code"] = "varchar(8)", ["AMOUNT"] = "bigint" },
        };

        var result = await h.RunAsync(h.Seed("codes", file));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        var columns = (await h.Warehouse.DescribeRelationAsync(h.Warehouse.ModelRelation(h.Schema, "codes")))!.Columns;
        Assert.Equal(kind == "postgresql" ? ["character varying(8)", "bigint", "text"] : ["varchar(8)", "bigint", "TEXT"], columns.Select(c => c.Type));
        Assert.Equal(["007|10", "012|20"], await h.RowsAsync($"SELECT code, amount FROM {h.Ref("codes")} ORDER BY code"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_seed_is_reloaded_whole_on_every_run_and_views_on_it_read_the_new_rows(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var file = Csv("rates", "currency,rate\nEUR,1.0\nUSD,1.1\nGBP,0.9\n");
        var seed = h.Seed("rates", file);
        var view = h.Model("usd_rate", $"SELECT rate FROM {h.Ref("rates")} WHERE currency = 'USD'", Materialization.View, "seed.shop.rates");
        await h.RunAsync(seed, view);

        File.WriteAllText(file.Path, "currency,rate,source\nUSD,1.2,ecb\n");
        var rerun = await h.RunAsync(seed);

        Assert.Equal(1, Assert.Single(rerun.Nodes).RowsAffected);
        Assert.Equal(["USD|ecb"], await h.RowsAsync($"SELECT currency, source FROM {h.Ref("rates")}"));
        Assert.Equal(["12"], await h.RowsAsync($"SELECT CAST(rate * 10 AS integer) FROM {h.Ref("usd_rate")}"));
    }

    public static TheoryData<string, string, string, string> BadFiles { get; } = new()
    {
        { "sqlite", "id,name\n1,a\n2\n", "", "line 3: 1 fields where the header has 2." },
        { "postgresql", "id,name\n1,a\n2\n", "", "line 3: 1 fields where the header has 2." },
        { "sqlite", "id,ID\n1,2\n", "", "line 1: the header names column 'ID' twice." },
        { "postgresql", "id,ID\n1,2\n", "", "line 1: the header names column 'ID' twice." },
        { "sqlite", "id,name\n1,\"a\n", "", "line 2: not readable as CSV" },
        { "postgresql", "id,name\n1,\"a\n", "", "line 2: not readable as CSV" },
        { "sqlite", "", "", "the file is empty; line 1 must be a header row" },
        { "postgresql", "", "", "the file is empty; line 1 must be a header row" },
        { "sqlite", "id\n1\n", "idd", "column_types names 'idd', which is not a column of the file (its columns: id)." },
        { "postgresql", "id\n1\n", "idd", "column_types names 'idd', which is not a column of the file (its columns: id)." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_seed_file_fails_its_node_naming_the_file_and_line_and_keeps_the_previous_table(string kind, string text, string typedColumn, string expected)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var file = Csv("things", "id,name\n1,kept\n");
        await h.RunAsync(h.Seed("things", file));
        File.WriteAllText(file.Path, text);
        var bad = typedColumn.Length == 0 ? file : file with { ColumnTypes = new Dictionary<string, string> { [typedColumn] = "text" } };

        var result = await h.RunAsync(h.Seed("things", bad));

        var node = Assert.Single(result.Nodes);
        Assert.Equal(ModelRunStatus.Failed, node.Status);
        Assert.StartsWith(file.Path, node.Error, StringComparison.Ordinal);
        Assert.Contains(expected, node.Error);
        Assert.Equal(["1|kept"], await h.RowsAsync($"SELECT id, name FROM {h.Ref("things")}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_missing_seed_file_fails_its_node_naming_the_path(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var missing = new SeedFile(Path.Combine(_folder.FullName, "gone.csv"));

        var node = Assert.Single((await h.RunAsync(h.Seed("gone", missing))).Nodes);

        Assert.Equal(ModelRunStatus.Failed, node.Status);
        Assert.StartsWith($"{missing.Path}: the seed file cannot be read", node.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_value_its_column_type_cannot_hold_fails_on_postgresql_and_is_kept_as_text_by_sqlite(string kind)
    {
        await using var h = await TransformHarness.CreateAsync(kind);
        var file = Csv("things", "id,amount\n1,12\n2,twelve\n") with { ColumnTypes = new Dictionary<string, string> { ["amount"] = "integer" } };

        var node = Assert.Single((await h.RunAsync(h.Seed("things", file))).Nodes);

        if (kind == "postgresql")
        {
            Assert.Equal(ModelRunStatus.Failed, node.Status);
            Assert.Contains($"{file.Path}: the rows do not load as the columns' types (id integer, amount integer)", node.Error);
            Assert.Contains("twelve", node.Error);
            Assert.Null(await h.KindOfAsync("things"));
        }
        else
        {
            // SQLite's flexible typing: an INTEGER column stores a value that is not a number as text.
            Assert.Equal(ModelRunStatus.Succeeded, node.Status);
            Assert.Equal(["12|integer", "twelve|text"], await h.RowsAsync($"SELECT amount, typeof(amount) FROM {h.Ref("things")} ORDER BY id"));
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
