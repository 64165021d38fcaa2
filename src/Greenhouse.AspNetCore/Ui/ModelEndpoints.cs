using Greenhouse.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        routes.MapPost(BuildPath, (IScheduledRunner runner, IHostApplicationLifetime lifetime, ILoggerFactory loggers, HttpContext http) =>
            {
                var log = loggers.CreateLogger("Greenhouse.Serve.Ui");
                log.LogInformation("Build started from the web UI by {User}", http.User.Identity?.Name);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await runner.RunTransformAsync(lifetime.ApplicationStopping, trigger: "ui");
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        log.LogError("The build started from the web UI did not run: {Error}", Config.Secrets.Redact(e.Message));
                    }
                });
                return Results.Redirect("/models?started=true");
            })
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .RequireAuthorization(UiEndpoints.AdminPolicy);
}
