using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Greenhouse.Serve.Mcp;

/// <summary><c>/mcp</c>: the MCP server over streamable HTTP, for bearer tokens made with <c>greenhouse token add</c>.</summary>
public static class McpEndpoints
{
    public const string Path = "/mcp";

    private const string Policy = "greenhouse-mcp";

    /// <summary>The HTTP transport (stateless: every request stands alone) and the token scheme and policy that guard it.</summary>
    internal static void AddGreenhouseMcpHttp(this IServiceCollection services, Greenhouse.Config.GreenhouseConfig config)
    {
        services.AddGreenhouseMcp(config).WithHttpTransport(http => http.Stateless = true);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
    }

    public static IEndpointRouteBuilder MapGreenhouseMcp(this IEndpointRouteBuilder routes)
    {
        routes.MapMcp(Path).RequireAuthorization(Policy);
        return routes;
    }
}
