using Greenhouse.Config;
using Greenhouse.Scheduling;
using Greenhouse.Status;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Serve;

/// <summary><c>/healthz</c> (alive), <c>/readyz</c> (warehouse reachable, scheduler running), <c>/api/status</c> (per stream).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapGreenhouseHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new HealthDocument("alive", null)));
        routes.MapGet("/readyz", ReadyAsync);
        routes.MapGet("/api/status", StatusAsync);
        return routes;
    }

    private static async Task<Results<Ok<HealthDocument>, JsonHttpResult<HealthDocument>>> ReadyAsync(
        IWarehouse warehouse, SyncScheduler scheduler, ServeOptions options, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await warehouse.QueryAsync("SELECT 1", timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problems.Add($"warehouse {warehouse.Description} unreachable: {Secrets.Redact(e.Message)}");
        }

        if (options.Schedule && !scheduler.IsRunning)
        {
            problems.Add("scheduler not running");
        }

        return problems.Count == 0
            ? TypedResults.Ok(new HealthDocument("ready", null))
            : TypedResults.Json(new HealthDocument("not ready", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<StatusDocument>, JsonHttpResult<HealthDocument>>> StatusAsync(
        StatusService status, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            var streams = (await status.GetAsync(cancellationToken: cancellationToken)).Select(s => new StreamStatusDocument(
                s.Stream,
                s.LastSuccess,
                s.Staleness?.TotalSeconds,
                s.MaxStaleness?.TotalSeconds,
                s.Stale,
                s.Rows,
                s.LastRun?.RunId,
                s.LastRun?.Status.ToString().ToLowerInvariant(),
                s.LastRun?.Error)).ToList();
            return TypedResults.Ok(new StatusDocument(clock.GetUtcNow(), streams));
        }
        catch (WarehouseException e)
        {
            return TypedResults.Json(new HealthDocument("warehouse unavailable", [e.Message]), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
