using Greenhouse.Notifications;

namespace Greenhouse.Sync;

/// <summary>
/// Sync, then notify: what every face that starts a run calls (<c>greenhouse sync</c>, serve's scheduler, later the UI).
/// Notifications never fail the run.
/// </summary>
/// <param name="notifications">Null: the run tells nobody and keeps no alert state (a CLI config without notifications).</param>
public sealed class RunService(SyncService sync, NotificationService? notifications)
{
    /// <summary>Runs the request, then sends what the finished run calls for (even when <paramref name="cancellationToken"/> fired).</summary>
    public async Task<RunSummary> RunAsync(SyncRequest request, ISyncObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var summary = await sync.RunAsync(request, observer, cancellationToken);
        if (notifications is not null)
        {
            await notifications.RunFinishedAsync(summary, CancellationToken.None);
        }

        return summary;
    }

    /// <summary>Raises or clears stale alerts (see <see cref="NotificationService.CheckFreshnessAsync"/>).</summary>
    public Task CheckFreshnessAsync(CancellationToken cancellationToken = default) =>
        notifications?.CheckFreshnessAsync(cancellationToken) ?? Task.CompletedTask;
}
