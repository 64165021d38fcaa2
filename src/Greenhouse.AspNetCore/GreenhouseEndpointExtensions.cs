using Greenhouse.Serve.Webhooks;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Serve;

public static class GreenhouseEndpointExtensions
{
    /// <summary>Health, status and webhook endpoints.</summary>
    public static IEndpointRouteBuilder MapGreenhouse(this IEndpointRouteBuilder routes)
    {
        routes.MapGreenhouseHealth();
        routes.MapGreenhouseWebhooks();
        return routes;
    }
}
