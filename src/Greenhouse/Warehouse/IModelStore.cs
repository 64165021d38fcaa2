namespace Greenhouse.Warehouse;

/// <summary>
/// The relations the transform layer builds (models and seeds) and the record of their runs (<c>_gh_model_runs</c>).
/// Modelled data lives apart from raw data: a model's relation is never in the raw schema nor a <c>_gh_</c> table.
/// </summary>
public interface IModelStore
{
    /// <summary>
    /// The relation <paramref name="alias"/> of <paramref name="schema"/> that a model or seed writes (PostgreSQL:
    /// <c>"analytics"."fct_mrr"</c>; SQLite, which has no schemas: the table <c>"analytics_fct_mrr"</c>). Throws
    /// <see cref="WarehouseException"/> when the names are not plain identifiers, or name a raw stream table, a
    /// <c>_gh_</c> table or the <c>__gh_tmp</c> suffix Greenhouse builds under.
    /// </summary>
    ModelRelation ModelRelation(string schema, string alias);

    /// <summary>
    /// Creates the relation's schema when it is missing (PostgreSQL; SQLite has none), in a short transaction of its
    /// own: a build's transaction would make a parallel build of the same schema wait for all of it.
    /// </summary>
    Task EnsureSchemaAsync(ModelRelation relation, CancellationToken cancellationToken = default);

    /// <summary>The relation's kind and columns, or null when it does not exist.</summary>
    Task<RelationInfo?> DescribeRelationAsync(ModelRelation relation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Any relation's kind and columns, or null when it does not exist: <paramref name="name"/> of
    /// <paramref name="schema"/> (SQLite: the table <c>{schema}_{name}</c>), raw stream tables included, since it only
    /// reads the catalog. What a template's <c>adapter.get_columns_in_relation</c> and <c>adapter.get_relation</c> ask.
    /// A materialised view reads as a view, a partitioned or foreign table as a table.
    /// </summary>
    Task<RelationInfo?> DescribeRelationAsync(string schema, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts one relation's build: one transaction on a connection of its own (PostgreSQL) or the writer (SQLite,
    /// held until the build is disposed). Nothing it does is seen until <see cref="IRelationBuild.CommitAsync"/>;
    /// disposing without committing (a failure, a cancellation) rolls it all back.
    /// </summary>
    Task<IRelationBuild> BeginBuildAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a transform run in <c>_gh_runs</c> (kind <c>transform</c>); runs still marked running become interrupted.</summary>
    Task<long> BeginTransformRunAsync(string trigger, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how nodes of a transform run ended, all in one transaction. A node that built a relation is recorded in
    /// its build's transaction instead (<see cref="IRelationBuild.RecordModelRunAsync"/>), so the record commits with it.
    /// </summary>
    Task RecordModelRunsAsync(IReadOnlyList<ModelRunRecord> runs, CancellationToken cancellationToken = default);

    /// <summary>Node runs, newest run first, then in the order they started.</summary>
    Task<IReadOnlyList<ModelRunRecord>> ReadModelRunsAsync(long? runId = null, int limit = 200, CancellationToken cancellationToken = default);
}
