using Greenhouse.Warehouse;

namespace Greenhouse.Query;

/// <summary>
/// Runs SQL against the warehouse: the one read path every face uses (the CLI's <c>query</c>; later the web UI and MCP).
/// Reads go through <see cref="Read"/>: enforced by the database (SQLite: a <c>Mode=ReadOnly</c> connection with an
/// authorizer, one statement; PostgreSQL: the reader login if configured, one statement inside <c>READ ONLY</c>), under
/// a row limit and a timeout.
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class QueryService(IWarehouse warehouse)
{
    /// <summary>How long a read may run unless the caller says otherwise.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The options of a read: read-only, at most <paramref name="maxRows"/> rows (null: all), and a timeout (null: <see cref="DefaultTimeout"/>).</summary>
    public static QueryOptions Read(int? maxRows, TimeSpan? timeout = null) =>
        new() { ReadOnly = true, MaxRows = maxRows, Timeout = timeout ?? DefaultTimeout };

    /// <summary>Runs <paramref name="sql"/> with the owner's rights and no limits: what <c>greenhouse query --write</c> runs.</summary>
    public Task<QueryResult> RunAsync(string sql, CancellationToken cancellationToken = default) =>
        RunAsync(sql, QueryOptions.Unrestricted, cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/> under <paramref name="options"/> (read-only, a row limit, a timeout). Never migrates or
    /// creates anything: a SQLite file that is not there is an error, not a new empty warehouse.
    /// </summary>
    public async Task<QueryResult> RunAsync(string sql, QueryOptions options, CancellationToken cancellationToken = default)
    {
        await warehouse.CheckReadableAsync(metadata: false, cancellationToken);
        return await warehouse.QueryAsync(sql, options, cancellationToken);
    }
}
