namespace Greenhouse.Catalog;

/// <summary>
/// One model or seed of the transform project in <c>list_models</c>: the relation to query, how it is built, what it
/// says it is, its lineage (unique ids of parents and children), its last build and its tests.
/// </summary>
/// <param name="Relation">How SQL names it (<c>analytics.fct_mrr</c>; SQLite: <c>analytics_fct_mrr</c>).</param>
/// <param name="Parents">The models, seeds and sources it reads (<c>source.shop.stripe.customers</c>).</param>
/// <param name="Children">The models that read it.</param>
public sealed record ModelSummary(
    string Name,
    string UniqueId,
    string ResourceType,
    string Relation,
    string Materialized,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Parents,
    IReadOnlyList<string> Children,
    ModelBuild? LastBuild,
    IReadOnlyList<ModelTest> Tests);
