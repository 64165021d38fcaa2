using Greenhouse.Config;
using Greenhouse.Warehouse;

namespace Greenhouse.Sync;

/// <summary>
/// Takes the warehouse's one-run-at-a-time lock for a sync or a transform, so neither overlaps the other nor itself:
/// at once, else (<c>when_running: wait</c>) after saying so, else (<c>fail</c>) with <see cref="RunAlreadyInProgressException"/>.
/// </summary>
internal static class RunLock
{
    public static async Task<IAsyncDisposable> AcquireAsync(IWarehouse warehouse, WhenRunning whenRunning, Action<string> waiting, CancellationToken cancellationToken)
    {
        if (await warehouse.AcquireRunLockAsync(wait: false, cancellationToken) is { } held)
        {
            return held;
        }

        var message = $"Another sync or transform is already running against {warehouse.Description}.";
        if (whenRunning == WhenRunning.Fail)
        {
            throw new RunAlreadyInProgressException(message + " Wait for it to finish, or set 'when_running: wait' to queue behind it.");
        }

        waiting(message + " Waiting for it to finish (when_running: wait).");
        return await warehouse.AcquireRunLockAsync(wait: true, cancellationToken)
            ?? throw new InvalidOperationException("The warehouse lock could not be taken while waiting.");
    }
}
