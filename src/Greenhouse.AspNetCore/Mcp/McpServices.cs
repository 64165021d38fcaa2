using System.Reflection;
using System.Text.Json;
using Greenhouse.Access;
using Greenhouse.Catalog;
using Greenhouse.Config;
using Greenhouse.Customers;
using Greenhouse.Warehouse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Greenhouse.Serve.Mcp;

/// <summary>The MCP wiring both transports share: the catalog and token services, the server's identity, its tools, resource and prompt.</summary>
public static class McpServices
{
    /// <summary>How the tools' answers are written: snake_case, like <c>/api/status</c> and <c>--json</c>.</summary>
    internal static JsonSerializerOptions Json { get; } = new(McpJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Registers the process's warehouse (unless already there), <see cref="CatalogService"/>, <see cref="ModelCatalog"/>, <see cref="CustomerService"/>, <see cref="TokenService"/>
    /// and an MCP server with Greenhouse's tools; the caller adds a transport (stdio or HTTP).
    /// </summary>
    public static IMcpServerBuilder AddGreenhouseMcp(this IServiceCollection services, GreenhouseConfig config, CatalogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => WarehouseFactory.Open(config));
        services.TryAddSingleton(provider => new CatalogService(config, provider.GetRequiredService<IWarehouse>(), options, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new ModelCatalog(config, provider.GetRequiredService<IWarehouse>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new CustomerService(config, provider.GetRequiredService<IWarehouse>(), new CustomerOptions { ModelSchema = options?.ModelSchema }));
        services.TryAddSingleton(provider => new TokenService(provider.GetRequiredService<IWarehouse>(), provider.GetRequiredService<TimeProvider>()));
        return services
            .AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation
                {
                    Name = "greenhouse",
                    Title = "Greenhouse warehouse",
                    Version = typeof(McpServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
                };
                server.ServerInstructions = $"""
                    Read-only access to a small business's data warehouse (SaaS data landed by Greenhouse). Read the resource
                    {WarehouseMap.Uri} or call list_tables first, describe_table before writing SQL, then query. Landed tables
                    keep deleted records: filter _gh_deleted_at IS NULL. list_models and get_model describe the modelled
                    tables (their SQL, lineage and tests). lookup_customer gathers everything about one person by email, name or vendor id.
                    """;
            })
            .WithTools<WarehouseTools>(Json)
            .WithResources<WarehouseMap>()
            .WithPrompts<WarehouseMap>(Json);
    }
}
