using Greenhouse.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// An admin's "Build now" on the models page: a full build of the transform project (its tests and checks after it),
/// in the background under the warehouse's run lock as the transform's own schedule runs it; the page shows each
/// model's last build when it has run.
/// </summary>
internal static class ModelEndpoints
{
    public const string BuildPath = "/actions/build";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost(BuildPath, (IScheduledRunner runner, HttpContext http) =>
            {
                BackgroundAction.Start("Build", http, stopping => runner.RunTransformAsync(stopping, trigger: "ui"));
                return Results.Redirect("/models?started=true");
            })
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .RequireAuthorization(UiEndpoints.AdminPolicy);
}
