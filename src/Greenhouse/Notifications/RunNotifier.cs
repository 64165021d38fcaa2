using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Notifications;

/// <summary>For one-shot syncs (<c>greenhouse sync</c> from cron): sends what a finished run calls for, then checks freshness.</summary>
public static class RunNotifier
{
    /// <param name="logger">Where undeliverable notifications are logged as warnings; they never fail the run.</param>
    public static async Task NotifyAsync(GreenhouseConfig config, RunSummary summary, ILogger<NotificationService> logger, CancellationToken cancellationToken = default)
    {
        if (config.Notifications.Count == 0)
        {
            return;
        }

        await using var warehouse = WarehouseFactory.Open(config.Warehouse, config.Schema);
        using var notifications = new NotificationService(config, warehouse, TimeProvider.System, logger);
        await notifications.RunFinishedAsync(summary, cancellationToken);
        await notifications.CheckFreshnessAsync(cancellationToken);
    }
}
