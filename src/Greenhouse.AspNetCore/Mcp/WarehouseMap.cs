using System.ComponentModel;
using Greenhouse.Catalog;
using ModelContextProtocol.Server;

namespace Greenhouse.Serve.Mcp;

/// <summary>
/// The map of the warehouse for an LLM, as a resource (<c>greenhouse://warehouse/map</c>) and as a prompt: which
/// tables answer which questions, their columns and joins, the metadata columns and the live-rows filter, generated
/// from the same descriptions as the tools.
/// </summary>
[McpServerResourceType]
[McpServerPromptType]
internal sealed class WarehouseMap(CatalogService catalog)
{
    public const string Uri = "greenhouse://warehouse/map";

    [McpServerResource(UriTemplate = Uri, Name = "warehouse_map", Title = "Map of the warehouse", MimeType = "text/markdown")]
    [Description("Which tables the warehouse holds and which questions each answers: columns, joins, metadata columns and how to filter live rows. Read it before writing SQL.")]
    public Task<string> ReadAsync(CancellationToken cancellationToken) => catalog.WarehouseMapAsync(cancellationToken);

    [McpServerPrompt(Name = "explore_warehouse", Title = "Answer questions from the warehouse")]
    [Description("Sets up a conversation about the business's data: the warehouse map, and how to use the tools to answer from it.")]
    public async Task<string> PromptAsync(CancellationToken cancellationToken) =>
        $"""
        You answer questions about this business from its Greenhouse warehouse, using the tools list_tables, describe_table,
        query and sync_status. Work from the map below; describe a table before querying it, aggregate in SQL, filter
        _gh_deleted_at IS NULL on landed tables, and mention when sync_status says the data is stale.

        {await catalog.WarehouseMapAsync(cancellationToken)}
        """;
}
