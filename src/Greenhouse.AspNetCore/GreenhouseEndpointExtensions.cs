using Greenhouse.Serve.Mcp;
using Greenhouse.Serve.Ui;
using Greenhouse.Serve.Webhooks;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Serve;

public static class GreenhouseEndpointExtensions
{
    /// <summary>
    /// Health, status and webhook endpoints, the MCP server at <c>/mcp</c> (bearer tokens) and the web UI (a login;
    /// the app must call <c>UseAuthentication</c>, <c>UseAuthorization</c> and <c>UseAntiforgery</c> first).
    /// </summary>
    public static IEndpointRouteBuilder MapGreenhouse(this IEndpointRouteBuilder routes)
    {
        routes.MapGreenhouseHealth();
        routes.MapGreenhouseWebhooks();
        routes.MapGreenhouseMcp();
        routes.MapGreenhouseUi();
        return routes;
    }
}
