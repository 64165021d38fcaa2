using Greenhouse.Warehouse;

namespace Greenhouse.Query;

/// <summary>Runs SQL against the warehouse (the CLI's <c>query</c>; later the web UI and MCP).</summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class QueryService(IWarehouse warehouse)
{
    public Task<QueryResult> RunAsync(string sql, CancellationToken cancellationToken = default) =>
        RunAsync(sql, QueryOptions.Unrestricted, cancellationToken);

    /// <summary>Runs <paramref name="sql"/> under <paramref name="options"/> (read-only, a row limit, a timeout).</summary>
    public async Task<QueryResult> RunAsync(string sql, QueryOptions options, CancellationToken cancellationToken = default)
    {
        await warehouse.MigrateAsync(cancellationToken);
        return await warehouse.QueryAsync(sql, options, cancellationToken);
    }
}
