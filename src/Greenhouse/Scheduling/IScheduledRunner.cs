using Greenhouse.Sync;

namespace Greenhouse.Scheduling;

/// <summary>What the scheduler starts: a sync (with its notifications). The serve host runs real syncs.</summary>
public interface IScheduledRunner
{
    Task<RunSummary> RunAsync(SyncRequest request, CancellationToken cancellationToken);

    /// <summary>A full build of the transform project, on its own schedule; how it ended.</summary>
    Task<Warehouse.RunStatus> RunTransformAsync(CancellationToken cancellationToken);

    /// <summary>Periodic checks between runs (freshness).</summary>
    Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
