using System.Globalization;
using Greenhouse.Transform;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform;

/// <summary>
/// A fresh warehouse (SQLite file or PostgreSQL schemas of the test's own) with a schema for models
/// (<see cref="Schema"/>) and one for the test's own input tables (<see cref="SourceAsync"/>), and nodes as the
/// compile layer would hand them over: ids <c>model.shop.&lt;name&gt;</c>, SQL given as text or per <c>is_incremental()</c>.
/// </summary>
public sealed class TransformHarness : IAsyncDisposable
{
    private readonly string _sourceSchema;

    private TransformHarness(TestWarehouse test, IWarehouse warehouse)
    {
        Test = test;
        Warehouse = warehouse;
        Schema = test.ModelSchema();
        _sourceSchema = test.ModelSchema("src");
    }

    public TestWarehouse Test { get; }

    public IWarehouse Warehouse { get; }

    public string Kind => Test.Kind;

    /// <summary>The models' schema: <c>analytics</c> (SQLite prefix) or <c>analytics_xxxxxxxx</c> (PostgreSQL).</summary>
    public string Schema { get; }

    /// <summary>Every compile call, in order: the node's id and whether it was told is_incremental().</summary>
    public List<(string Node, bool IsIncremental)> Compiled { get; } = [];

    public static async Task<TransformHarness> CreateAsync(string kind)
    {
        var test = await TestWarehouse.CreateAsync(kind);
        return new TransformHarness(test, await test.OpenMigratedAsync());
    }

    /// <summary>How SQL names the model <paramref name="name"/> (what <c>ref()</c> renders).</summary>
    public string Ref(string name) => Warehouse.ModelRelation(Schema, name).Sql;

    /// <summary>Creates (or replaces) one of the test's input tables from a SELECT and returns its SQL name.</summary>
    public async Task<string> SourceAsync(string name, string select)
    {
        var relation = Warehouse.ModelRelation(_sourceSchema, name);
        await Warehouse.EnsureSchemaAsync(relation);
        await Warehouse.ExecuteAsync($"DROP TABLE IF EXISTS {relation.Sql}; CREATE TABLE {relation.Sql} AS {select}");
        return relation.Sql;
    }

    public TransformNode Model(string name, string sql, Materialization materialization = Materialization.Table, params string[] dependsOn) =>
        Model(name, _ => sql, materialization, dependsOn);

    public TransformNode Model(string name, Func<bool, string> sql, Materialization materialization, params string[] dependsOn) => new()
    {
        UniqueId = Id(name),
        Name = name,
        Kind = NodeKind.Model,
        Schema = Schema,
        Alias = name,
        Materialization = materialization,
        DependsOn = [.. dependsOn.Select(Id)],
        Compile = (context, _) =>
        {
            lock (Compiled)
            {
                Compiled.Add((Id(name), context.IsIncremental));
            }

            return Task.FromResult(sql(context.IsIncremental));
        },
    };

    public TransformNode Seed(string name, SeedFile file) => new()
    {
        UniqueId = "seed.shop." + name,
        Name = name,
        Kind = NodeKind.Seed,
        Schema = Schema,
        Alias = name,
        Materialization = Materialization.Seed,
        Seed = file,
    };

    /// <summary><c>model.shop.&lt;name&gt;</c>, or the name itself when it is an id already.</summary>
    public static string Id(string name) => name.Contains('.', StringComparison.Ordinal) ? name : "model.shop." + name;

    public Task<TransformRunResult> RunAsync(params TransformNode[] nodes) => RunAsync(new TransformRunOptions(Trigger: "test"), nodes);

    public Task<TransformRunResult> RunAsync(TransformRunOptions options, params TransformNode[] nodes) =>
        new TransformRunner(Warehouse, TimeProvider.System).RunAsync(nodes, options);

    /// <summary>The rows of a query, each as its values joined by '|' (NULL as ∅), in the query's order.</summary>
    public async Task<List<string>> RowsAsync(string sql) =>
        [.. (await Warehouse.QueryAsync(sql)).Rows.Select(row => string.Join("|", row.Select(Text)))];

    public async Task<long> CountAsync(string relation) =>
        Convert.ToInt64((await Warehouse.QueryAsync($"SELECT count(*) FROM {relation}")).Rows[0][0], CultureInfo.InvariantCulture);

    /// <summary>The names of every table and view in the models' schema (SQLite: every name with its prefix).</summary>
    public async Task<List<string>> RelationsAsync()
    {
        var sql = Kind == "sqlite"
            ? $"SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name LIKE '{Schema}\\_%' ESCAPE '\\' ORDER BY name"
            : $"SELECT table_name::text FROM information_schema.tables WHERE table_schema = '{Schema}' ORDER BY table_name";
        return [.. (await Warehouse.QueryAsync(sql)).Rows.Select(r => (string)r[0]!)];
    }

    /// <summary>The relation's kind, or null when it does not exist.</summary>
    public async Task<RelationKind?> KindOfAsync(string name) =>
        (await Warehouse.DescribeRelationAsync(Warehouse.ModelRelation(Schema, name)))?.Kind;

    /// <summary>A query that runs until it is stopped.</summary>
    public string Endless => Kind == "postgresql"
        ? "SELECT 1 AS id FROM pg_sleep(600)"
        : "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) AS id FROM n";

    private static string Text(object? value) => value switch
    {
        null => "∅",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public async ValueTask DisposeAsync() => await Test.DisposeAsync();
}
