using Greenhouse.Config;
using Greenhouse.Warehouse;

namespace Greenhouse.Query;

/// <summary>Runs SQL against the configured warehouse (the CLI's <c>query</c>; later the web UI and MCP).</summary>
public sealed class QueryService(WarehouseSetting warehouseSetting, string schema = "raw")
{
    public QueryService(GreenhouseConfig config) : this(config.Warehouse, config.Schema) { }

    public async Task<QueryResult> RunAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var warehouse = WarehouseFactory.Open(warehouseSetting, schema);
        await warehouse.MigrateAsync(cancellationToken);
        return await warehouse.QueryAsync(sql, cancellationToken);
    }
}
