namespace Greenhouse.Warehouse;

/// <summary>
/// One relation's build in one transaction (see <see cref="IModelStore.BeginBuildAsync"/>). A model's SQL must be one
/// SELECT statement: both dialects refuse a second one. A cancelled token stops the running statement (SQLite:
/// <c>sqlite3_interrupt</c>; PostgreSQL: a cancel request) and the build rolls back.
/// </summary>
public interface IRelationBuild : IAsyncDisposable
{
    /// <summary>Runs statements Greenhouse wrote (not a model's SQL) and returns how many rows they changed.</summary>
    Task<long> ExecuteAsync(string sql, CancellationToken cancellationToken = default);

    /// <summary>Runs a query Greenhouse wrote and returns its rows.</summary>
    Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default);

    /// <summary>Creates the table <paramref name="table"/> from a model's SELECT and returns how many rows it holds.</summary>
    Task<long> CreateTableAsAsync(ModelRelation table, string select, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the table <paramref name="table"/> with <paramref name="columns"/> (their types as SQL) and bulk-loads
    /// <paramref name="rows"/> of text values (null: NULL), each converted to its column's type as the database reads
    /// a literal (PostgreSQL: binary COPY, then a cast). Returns how many rows it loaded.
    /// </summary>
    Task<long> LoadTableAsync(
        ModelRelation table, IReadOnlyList<RelationColumn> columns, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default);

    /// <summary>The relation's kind and columns as this transaction sees them, or null when it does not exist.</summary>
    Task<RelationInfo?> DescribeAsync(ModelRelation relation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts the table <paramref name="staging"/> in place of <paramref name="target"/> (a table, a view or nothing), so
    /// readers see the old relation or the new one, never neither. Views that depend on the target keep resolving to
    /// it: PostgreSQL re-creates them (a dependent view would otherwise follow a rename, or vanish with a CASCADE);
    /// SQLite swaps with <c>legacy_alter_table</c> on, so a rename rewrites no view.
    /// </summary>
    Task SwapInTableAsync(ModelRelation target, ModelRelation staging, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a table of a model's SELECT in place of <paramref name="target"/> (a table, a view or nothing), keeping
    /// dependent views as <see cref="SwapInTableAsync"/> does, and returns how many rows it holds. PostgreSQL builds it
    /// under the target's staging name and swaps it in, so readers read the old relation until the swap and wait only
    /// for the swap. SQLite builds it in place: its readers read the last commit whatever the writer does, and a rename
    /// makes SQLite re-read its whole schema (milliseconds a table in a project of a thousand views). A SELECT that reads
    /// the target itself is built under the staging name there too. A temporary table left behind is dropped first.
    /// </summary>
    Task<long> ReplaceWithTableAsync(ModelRelation target, string select, CancellationToken cancellationToken = default);

    /// <summary>Puts a view of a model's SELECT in place of <paramref name="target"/>, keeping dependent views as <see cref="SwapInTableAsync"/> does.</summary>
    Task ReplaceWithViewAsync(ModelRelation target, string select, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how the node ended in <c>_gh_model_runs</c>, in this transaction: the record commits with the relation it
    /// describes, or not at all (a killed run leaves no record of a build it did not commit, and every one it did).
    /// </summary>
    Task RecordModelRunAsync(ModelRunRecord run, CancellationToken cancellationToken = default);

    /// <summary>Makes everything the build did visible at once.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
