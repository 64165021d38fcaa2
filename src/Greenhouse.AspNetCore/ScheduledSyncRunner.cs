using Greenhouse.Checks;
using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Scheduling;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Serve;

/// <summary>
/// What serve's scheduler runs: a real sync that queues behind any other run on the warehouse, logged, then
/// the notifications it calls for, then (with <c>transform:</c>) a build of the models downstream of the streams
/// whose rows changed; the transform's own schedule builds it all. After each build (with no transform project,
/// after each sync) the checks without a schedule of their own run; the others run on theirs. Between runs, the freshness check.
/// </summary>
public sealed class ScheduledSyncRunner(
    GreenhouseConfig config, IWarehouse warehouse, NotificationService notifications, TimeProvider clock, ILogger<ScheduledSyncRunner> logger) : IScheduledRunner
{
    private readonly RunService _run = new(new SyncService(config with { WhenRunning = WhenRunning.Wait }, warehouse, clock), notifications);

    private readonly TransformService _transform = new(config with { WhenRunning = WhenRunning.Wait }, warehouse, clock);

    private readonly CheckService _checks = new(config, warehouse, notifications, clock);

    public async Task<RunSummary> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var summary = await _run.RunAsync(request, new LoggingObserver(logger), cancellationToken);
        logger.LogInformation("Run {RunId} {Status} in {Seconds:0.0}s", summary.RunId, summary.Status.ToString().ToLowerInvariant(), summary.Duration.TotalSeconds);
        if (config.Transform is not null && TransformService.ChangedStreams(summary) is { Count: > 0 } changed)
        {
            await TransformAsync(project => TransformService.DownstreamOf(project, changed), $"after run {summary.RunId} changed {string.Join(", ", changed)}", cancellationToken);
        }
        else if (config.Transform is null && summary.Streams.Count > 0)
        {
            await ChecksAsync(summary.RunId, null, $"after run {summary.RunId}", cancellationToken);
        }

        return summary;
    }

    public async Task<RunStatus> RunCheckAsync(string check, CancellationToken cancellationToken)
    {
        var results = await ChecksAsync(null, null, "on its schedule", cancellationToken, check);
        return results.Any(r => r.Outcome.Status == CheckStatus.RuntimeError) ? RunStatus.Failed : RunStatus.Succeeded;
    }

    /// <summary>
    /// Runs the named check, or every check without a schedule of its own, and logs each; a checks file or project
    /// that does not load is logged. Returns the results (none when nothing ran).
    /// </summary>
    private async Task<IReadOnlyList<CheckResult>> ChecksAsync(long? runId, CompiledProject? project, string why, CancellationToken cancellationToken, string? name = null)
    {
        try
        {
            var checks = name is null ? [.. _checks.History.Definitions.Where(c => c.Schedule is null)] : _checks.History.Select([name]);
            var results = await _checks.RunAsync(checks, runId, project, cancellationToken);
            foreach (var result in results)
            {
                var outcome = result.Outcome;
                if (outcome.Status == CheckStatus.RuntimeError)
                {
                    logger.LogError("Check {Check} {Why}: could not run: {Error}", outcome.Name, why, Secrets.Redact(outcome.Error));
                }
                else
                {
                    logger.LogInformation("Check {Check} {Why}: {Status}, {Rows} failing row(s), {New} new, {Resolved} resolved",
                        outcome.Name, why, CheckText.Status(outcome.Status), outcome.FailingRows, result.NewRows.Count, result.ResolvedRows);
                }
            }

            return results;
        }
        catch (Exception e) when (e is ConfigException or ProjectException or WarehouseException)
        {
            logger.LogError("Checks {Why} could not run: {Error}", why, Secrets.Redact(e.Message));
            return [];
        }
    }

    public Task<RunStatus> RunTransformAsync(CancellationToken cancellationToken, string trigger = "schedule") =>
        TransformAsync(project => [.. project.TransformNodes.Select(n => n.UniqueId)], trigger == "ui" ? "from the web UI" : "on its schedule", cancellationToken, trigger);

    /// <summary>Builds the nodes <paramref name="select"/> picks; a project that does not parse, or a model that fails, is logged and notified.</summary>
    private async Task<RunStatus> TransformAsync(Func<CompiledProject, IReadOnlyList<string>> select, string why, CancellationToken cancellationToken, string trigger = "schedule")
    {
        CompiledProject project;
        try
        {
            project = _transform.Parse(log: message => logger.LogInformation("transform: {Message}", message));
        }
        catch (Exception e) when (e is ProjectException or ConfigException)
        {
            logger.LogError("Transform {Why}: the project does not compile: {Error}", why, Secrets.Redact(e.Message));
            return RunStatus.Failed;
        }

        var nodes = select(project);
        if (nodes.Count == 0)
        {
            logger.LogInformation("Transform {Why}: no model reads those streams; nothing to build", why);
            return RunStatus.Succeeded;
        }

        var result = await _transform.RunAsync(project, nodes, new TransformRunOptions(Trigger: trigger), new LoggingTransformObserver(logger), cancellationToken);
        logger.LogInformation("Transform run {RunId} {Why}: {Status}, {Nodes} node(s) in {Seconds:0.0}s",
            result.RunId, why, result.Status.ToString().ToLowerInvariant(), result.Nodes.Count, result.Elapsed.TotalSeconds);
        if (result.Status != RunStatus.Succeeded)
        {
            await notifications.TransformFailedAsync(result, id => TransformService.CompiledPath(project, id), cancellationToken);
        }

        if (result.Tests.Count > 0)
        {
            await _checks.RecordTestsAsync(result, cancellationToken);
        }

        await ChecksAsync(result.RunId, project, $"after transform run {result.RunId}", cancellationToken);
        return result.Status;
    }

    private sealed class LoggingTransformObserver(ILogger logger) : ITransformObserver
    {
        public void NodeFinished(TransformNode node, ModelRunRecord result)
        {
            if (result.Status == ModelRunStatus.Failed)
            {
                logger.LogError("{Node}: failed: {Error}", node.UniqueId, Secrets.Redact(result.Error));
            }
            else
            {
                logger.LogInformation("{Node}: {Status} in {Seconds:0.00}s", node.UniqueId, result.Status.ToString().ToLowerInvariant(), result.Seconds);
            }
        }

        public void Waiting(string message) => logger.LogInformation("{Message}", message);
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
