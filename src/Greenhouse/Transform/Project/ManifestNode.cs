namespace Greenhouse.Transform.Project;

/// <summary>
/// One node of a loaded project's graph, as selection (<c>-s/--select</c>) and <c>transform ls</c> see it: a model,
/// seed, test or source table, where it came from, its resolved config, and the nodes it reads. Built by the
/// project compiler; read-only after that.
/// </summary>
public sealed record ManifestNode
{
    /// <summary>dbt's unique id: <c>model.shop.fct_mrr</c>, <c>seed.shop.fx_rates</c>, <c>test.shop.not_null_x_id</c>, <c>source.shop.stripe.customers</c>.</summary>
    public required string UniqueId { get; init; }

    /// <summary>The node's name (a model's file name without <c>.sql</c>; a source table's table name).</summary>
    public required string Name { get; init; }

    public required ManifestNodeType Type { get; init; }

    /// <summary>The project (package) it belongs to.</summary>
    public required string Package { get; init; }

    /// <summary>The file it is defined in, relative to the project root, with <c>/</c> separators (<c>models/staging/stg_customers.sql</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The <c>.yml</c> file that describes a model or seed (dbt's <c>patch_path</c>, without its <c>project://</c>), relative to the project root; null when none does. <c>path:</c> selects a node by it too.</summary>
    public string? PatchPath { get; init; }

    /// <summary>dbt's fully qualified name: the package, the folders under the resource's path, the name (<c>[shop, staging, stg_customers]</c>). A source's is <c>[package, source name, table name]</c>.</summary>
    public required IReadOnlyList<string> Fqn { get; init; }

    /// <summary>A versioned model's version (<c>2</c>; dbt's <c>version</c>); null for every other node.</summary>
    public string? Version { get; init; }

    /// <summary>A versioned model's latest version (dbt's <c>latest_version</c>); null for every other node.</summary>
    public string? LatestVersion { get; init; }

    /// <summary>How dbt's <c>ls --output name</c> prints the node (its <c>search_name</c>): the name, and <c>.v2</c> after a versioned model's.</summary>
    public string SearchName => Version is null ? Name : $"{Name}.v{Version}";

    /// <summary>For a source table: the source's name (<c>stripe</c>); otherwise null.</summary>
    public string? SourceName { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>
    /// For a generic test (one declared under a model's, seed's or source's <c>tests:</c>/<c>data_tests:</c>): the
    /// generic test's name without its package, dbt's <c>test_metadata.name</c> (<c>not_null</c>, <c>relationships</c>,
    /// <c>equality</c> for <c>dbt_utils.equality</c>). Null for a singular test (<c>tests/*.sql</c>) and every other
    /// node. Selection's <c>test_name:</c> matches it and <c>test_type:</c> tells generic tests from singular ones by it.
    /// </summary>
    public string? TestName { get; init; }

    /// <summary>For a generic test on a column: the column (dbt's <c>column_name</c>); otherwise null.</summary>
    public string? ColumnName { get; init; }

    /// <summary>The resolved config as dbt's <c>config</c> dict has it (<c>materialized</c>, <c>schema</c>, <c>tags</c>, <c>enabled</c>, <c>unique_key</c>…); values are template values (string, bool, long, list, dictionary).</summary>
    public IReadOnlyDictionary<string, object?> Config { get; init; } = new Dictionary<string, object?>();

    /// <summary>Unique ids of the nodes it reads: models, seeds and sources (a test: the nodes it tests).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}
