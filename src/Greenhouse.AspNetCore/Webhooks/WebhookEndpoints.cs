using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Greenhouse.Serve.Webhooks;

/// <summary><c>POST /webhooks/{source}</c>, handled by the <see cref="WebhookIngestor"/> registered in DI.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapGreenhouseWebhooks(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks/{source}", (string source, HttpContext http, WebhookIngestor ingestor) =>
            ingestor.HandleAsync(source, http.Request, http.RequestAborted))
            .WithName("GreenhouseWebhook")
            .DisableAntiforgery();
        return routes;
    }
}
