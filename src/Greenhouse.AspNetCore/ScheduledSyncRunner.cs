using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Scheduling;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Serve;

/// <summary>
/// What serve's scheduler runs: a real sync that queues behind any other run on the warehouse, logged, then
/// the notifications it calls for; between runs, the freshness check.
/// </summary>
public sealed class ScheduledSyncRunner(
    GreenhouseConfig config, IWarehouse warehouse, NotificationService notifications, TimeProvider clock, ILogger<ScheduledSyncRunner> logger) : IScheduledRunner
{
    private readonly RunService _run = new(new SyncService(config with { WhenRunning = WhenRunning.Wait }, warehouse, clock), notifications);

    public async Task<RunSummary> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var summary = await _run.RunAsync(request, new LoggingObserver(logger), cancellationToken);
        logger.LogInformation("Run {RunId} {Status} in {Seconds:0.0}s", summary.RunId, summary.Status.ToString().ToLowerInvariant(), summary.Duration.TotalSeconds);
        return summary;
    }

    public Task CheckAsync(CancellationToken cancellationToken) => _run.CheckFreshnessAsync(cancellationToken);

    private sealed class LoggingObserver(ILogger logger) : ISyncObserver
    {
        public void StreamStarted(string stream, SyncMode mode, bool resumed) =>
            logger.LogInformation("{Stream}: started ({Mode}{Resumed})", stream, mode == SyncMode.FullRefresh ? "full refresh" : "incremental", resumed ? ", resumed" : "");

        public void Warning(string stream, string message) => logger.LogWarning("{Stream}: {Warning}", stream, Secrets.Redact(message));

        public void Waiting(string message) => logger.LogInformation("{Message}", message);

        public void StreamFinished(StreamRunResult result)
        {
            if (result.Error is null)
            {
                logger.LogInformation("{Stream}: {Status}: new {New}, updated {Updated}, unchanged {Unchanged}, deleted {Deleted}",
                    result.Stream, result.Status, result.Counts.New, result.Counts.Updated, result.Counts.Unchanged, result.Counts.Deleted);
            }
            else
            {
                logger.LogError("{Stream}: {Status}: {Error}", result.Stream, result.Status, Secrets.Redact(result.Error));
            }
        }
    }
}
