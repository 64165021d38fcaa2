using Greenhouse.Sync;

namespace Greenhouse.Scheduling;

/// <summary>What the scheduler starts: a sync (with its notifications), the transform's build, a check. The serve host runs real ones.</summary>
public interface IScheduledRunner
{
    Task<RunSummary> RunAsync(SyncRequest request, CancellationToken cancellationToken);

    /// <summary>A full build of the transform project, on its own schedule (or as <paramref name="trigger"/> says: <c>ui</c>); how it ended.</summary>
    Task<Warehouse.RunStatus> RunTransformAsync(CancellationToken cancellationToken, string trigger = "schedule");

    /// <summary>One check on its own schedule, recorded and alerted on; failed when it could not run.</summary>
    Task<Warehouse.RunStatus> RunCheckAsync(string check, CancellationToken cancellationToken);

    /// <summary>Periodic checks between runs (freshness).</summary>
    Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
