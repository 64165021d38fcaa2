namespace Greenhouse.Warehouse;

/// <summary>
/// SQL against the warehouse, for what reads or builds on the landed tables (<c>greenhouse query</c>, later a
/// transform layer, a SQL explorer, an MCP tool). <see cref="Dialect"/> says how to write SQL this warehouse accepts.
/// </summary>
public interface ISqlClient
{
    WarehouseDialect Dialect { get; }

    /// <summary>
    /// Runs <paramref name="sql"/> and returns its first result set that has columns. A query that fails, is refused
    /// as a write in read-only mode, or outlives its timeout throws <see cref="WarehouseException"/>.
    /// </summary>
    Task<QueryResult> QueryAsync(string sql, QueryOptions options, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="sql"/> with no limits (<see cref="QueryOptions.Unrestricted"/>).</summary>
    Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default) =>
        QueryAsync(sql, QueryOptions.Unrestricted, cancellationToken);

    /// <summary>
    /// Runs the statements of <paramref name="sql"/> in one transaction (all or nothing; DDL included, see
    /// <see cref="WarehouseDialect.TransactionalDdl"/>) and returns how many rows they changed.
    /// </summary>
    /// <param name="timeout">Stops the statements after this long (null: no limit).</param>
    Task<int> ExecuteAsync(string sql, TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
