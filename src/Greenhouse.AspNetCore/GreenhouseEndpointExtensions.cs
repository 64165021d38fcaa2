using Greenhouse.Serve.Mcp;
using Greenhouse.Serve.Webhooks;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Serve;

public static class GreenhouseEndpointExtensions
{
    /// <summary>
    /// Health, status and webhook endpoints, and the MCP server at <c>/mcp</c> (bearer tokens). The web UI is the
    /// standalone <c>serve</c>'s (<see cref="Ui.UiEndpoints"/>): an embedding app keeps its own pages.
    /// </summary>
    public static IEndpointRouteBuilder MapGreenhouse(this IEndpointRouteBuilder routes)
    {
        routes.MapGreenhouseHealth();
        routes.MapGreenhouseWebhooks();
        routes.MapGreenhouseMcp();
        return routes;
    }
}
