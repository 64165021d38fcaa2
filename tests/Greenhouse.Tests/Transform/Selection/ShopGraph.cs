using Greenhouse.Transform.Project;
using Greenhouse.Transform.Selection;

namespace Greenhouse.Tests.Transform.Selection;

/// <summary>
/// A small project's graph, built by hand as the loader would: Stripe and Plain sources → staging models → an
/// ephemeral intermediate model with a seed → marts, a model of a second package, a disabled model, and generic,
/// singular and source tests.
/// <code>
/// customers (src) ─ stg_customers ──────────────┬─ dim_customers
/// subscriptions (src) ─ stg_subscriptions ─┐     │       ▲
/// fx_rates (seed) ───────────────────── int_mrr ─ fct_mrr ┘ (─ old_report, disabled)
/// threads (src) ─ stg_threads ──────────────────────────┘
/// tests: not_null/unique on stg_customers; relationships on dim_customers → stg_customers;
///        equality of fct_mrr and dim_customers; assert_mrr_not_negative (singular) on fct_mrr;
///        source_not_null on the customers source
/// </code>
/// </summary>
internal static class ShopGraph
{
    public static readonly IReadOnlyList<ManifestNode> Nodes =
    [
        Source("stripe", "customers", "models/staging/stripe/_stripe__sources.yml", tags: ["stripe"]),
        Source("stripe", "subscriptions", "models/staging/stripe/_stripe__sources.yml", tags: ["stripe"]),
        Source("plain", "threads", "models/staging/plain/_plain__sources.yml"),
        Node(ManifestNodeType.Seed, "fx_rates", "seeds/fx_rates.csv", [], Config(("materialized", "seed"))),
        Model("stg_customers", "models/staging/stripe/stg_customers.sql", ["source.shop.stripe.customers"], ["staging"],
            Config(("materialized", "view"), ("tags", List("staging")))) with { PatchPath = "models/staging/stripe/_stripe__models.yml" },
        Model("stg_subscriptions", "models/staging/stripe/stg_subscriptions.sql", ["source.shop.stripe.subscriptions"], ["staging"],
            Config(("materialized", "view"), ("tags", List("staging")))),
        Model("stg_threads", "models/staging/plain/stg_threads.sql", ["source.shop.plain.threads"], ["staging", "support"],
            Config(("materialized", "view"), ("tags", List("staging", "support")))),
        Model("int_mrr", "models/intermediate/int_mrr.sql", ["model.shop.stg_subscriptions", "seed.shop.fx_rates"], [],
            Config(("materialized", "ephemeral"))),
        // Listed before dim_customers, which reads it: the selection keeps this order, not the DAG's or the alphabet's.
        Model("fct_mrr", "models/marts/finance/fct_mrr.sql", ["model.shop.int_mrr"], ["finance", "nightly"],
            Config(
                ("materialized", "incremental"),
                ("unique_key", List("month", "customer_id")),
                ("schema", "finance"),
                ("group", "finance"),
                ("batch_size", 5L),
                ("tags", List("finance", "nightly")),
                ("meta", new Dictionary<string, object?> { ["owner"] = "finance", ["contains_pii"] = false }))),
        Model("dim_customers", "models/marts/dim_customers.sql", ["model.shop.stg_customers", "model.shop.stg_threads", "model.shop.fct_mrr"], ["nightly"],
            Config(
                ("materialized", "table"),
                ("access", "public"),
                ("transient", true),
                ("tags", List("nightly")),
                ("meta", new Dictionary<string, object?> { ["contains_pii"] = true }))) with { PatchPath = "models/marts/_marts.yml" },
        Model("util_months", "models/util_months.sql", [], [], Config(("materialized", "view")), package: "utils"),
        Model("old_report", "models/marts/old_report.sql", ["model.shop.fct_mrr"], ["nightly"],
            Config(("materialized", "table"), ("enabled", false))),
        Test("not_null_stg_customers_customer_id", "models/staging/stripe/_stripe__models.yml", ["model.shop.stg_customers"], "not_null",
            Config(("severity", "ERROR"))),
        Test("unique_stg_customers_customer_id", "models/staging/stripe/_stripe__models.yml", ["model.shop.stg_customers"], "unique",
            Config(("severity", "ERROR"))),
        Test("relationships_dim_customers_customer_id", "models/marts/_marts.yml", ["model.shop.stg_customers", "model.shop.dim_customers"], "relationships",
            Config(("severity", "ERROR"))),
        Test("assert_mrr_not_negative", "tests/assert_mrr_not_negative.sql", ["model.shop.fct_mrr"], testName: null,
            Config(("severity", "ERROR"))),
        Test("source_not_null_stripe_customers_id", "models/staging/stripe/_stripe__sources.yml", ["source.shop.stripe.customers"], "not_null",
            Config(("severity", "ERROR"))),
        Test("equality_fct_mrr_dim_customers", "models/marts/_marts.yml", ["model.shop.fct_mrr", "model.shop.dim_customers"], "equality",
            Config(("severity", "warn"))),
    ];

    private static readonly NodeSelector Selector = new(Nodes);

    /// <summary>The names of what the selectors select (each string one <c>--select</c> argument), in the manifest's order.</summary>
    public static string[] Names(string? select, string? exclude = null, IndirectSelection mode = IndirectSelection.Eager) =>
        [.. Run(select, exclude, mode).Nodes.Select(n => n.Name)];

    /// <summary>As <see cref="Names"/>, with no tests taken along for the nodes selected: what the selectors match themselves.</summary>
    public static string[] Matched(string select) => Names(select, mode: IndirectSelection.Empty);

    public static NodeSelection Run(string? select, string? exclude = null, IndirectSelection mode = IndirectSelection.Eager) =>
        Selector.Select(select is null ? null : [select], exclude is null ? null : [exclude], mode);

    private static ManifestNode Source(string source, string table, string path, IReadOnlyList<string>? tags = null) => new()
    {
        UniqueId = $"source.shop.{source}.{table}",
        Name = table,
        Type = ManifestNodeType.Source,
        Package = "shop",
        Path = path,
        Fqn = ["shop", source, table],
        SourceName = source,
        Tags = tags ?? [],
    };

    private static ManifestNode Model(string name, string path, IReadOnlyList<string> dependsOn, IReadOnlyList<string> tags,
        Dictionary<string, object?> config, string package = "shop") =>
        Node(ManifestNodeType.Model, name, path, dependsOn, config, tags, package);

    private static ManifestNode Test(string name, string path, IReadOnlyList<string> dependsOn, string? testName,
        Dictionary<string, object?> config) =>
        Node(ManifestNodeType.Test, name, path, dependsOn, config) with { TestName = testName };

    private static ManifestNode Node(ManifestNodeType type, string name, string path, IReadOnlyList<string> dependsOn,
        Dictionary<string, object?> config, IReadOnlyList<string>? tags = null, string package = "shop")
    {
        // dbt's fqn: the package, the folders under the resource path (models/, seeds/, tests/), the name.
        var folders = path.Split('/')[1..^1];
        return new ManifestNode
        {
            UniqueId = $"{type.ToString().ToLowerInvariant()}.{package}.{name}",
            Name = name,
            Type = type,
            Package = package,
            Path = path,
            Fqn = [package, .. folders, name],
            Tags = tags ?? [],
            Config = config,
            DependsOn = dependsOn,
        };
    }

    private static Dictionary<string, object?> Config(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    private static List<object?> List(params string[] items) => [.. items];
}
