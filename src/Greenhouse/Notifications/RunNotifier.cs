using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Notifications;

/// <summary>For one-shot syncs (<c>greenhouse sync</c> from cron): sends what a finished run calls for, then checks freshness.</summary>
public static class RunNotifier
{
    public static async Task NotifyAsync(GreenhouseConfig config, RunSummary summary, CancellationToken cancellationToken = default)
    {
        if (config.Notifications.Count == 0)
        {
            return;
        }

        // Undeliverable notifications are logged as warnings on stderr; they never fail the run.
        using var loggers = LoggerFactory.Create(logging => logging
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter((_, level) => level >= LogLevel.Warning));
        await using var warehouse = WarehouseFactory.Open(config.Warehouse, config.Schema);
        using var notifications = new NotificationService(config, warehouse, TimeProvider.System, loggers.CreateLogger<NotificationService>());
        await notifications.RunFinishedAsync(summary, cancellationToken);
        await notifications.CheckFreshnessAsync(cancellationToken);
    }
}
