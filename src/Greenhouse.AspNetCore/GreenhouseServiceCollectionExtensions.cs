using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Serve.Mcp;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Scheduling;
using Greenhouse.Status;
using Greenhouse.Warehouse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Greenhouse.Serve;

/// <summary>Embeds Greenhouse in an ASP.NET Core app: <c>builder.Services.AddGreenhouse(config)</c>, then <c>app.MapGreenhouse()</c>.</summary>
public static class GreenhouseServiceCollectionExtensions
{
    public static IServiceCollection AddGreenhouse(this IServiceCollection services, GreenhouseConfig config, ServeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new ServeOptions();
        // Serve talks to every vendor (the scheduler) and verifies their webhooks: every credential must be set at start.
        config.ResolveCredentials();
        services.AddSingleton(config);
        services.AddSingleton(config.Connectors);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        // One warehouse per process (one Npgsql data source, one SQLite connection), shared by every service.
        services.AddSingleton(_ => WarehouseFactory.Open(config));
        services.AddHostedService<WarehouseMigrator>();
        services.AddGreenhouseMcpHttp(config);
        services.AddSingleton(provider => new StatusService(config, provider.GetRequiredService<IWarehouse>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IScheduleStore>(provider => provider.GetRequiredService<IWarehouse>());
        services.AddSingleton<WebhookIngestor>();
        services.AddSingleton(provider => new NotificationService(
            config,
            provider.GetRequiredService<IWarehouse>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<NotificationService>>()));
        services.TryAddSingleton<IScheduledRunner, ScheduledSyncRunner>();
        services.AddSingleton(provider => new SyncScheduler(
            config,
            provider.GetRequiredService<IScheduleStore>(),
            provider.GetRequiredService<IScheduledRunner>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SyncScheduler>>(),
            options.Scheduler));
        if (options.Schedule)
        {
            services.AddHostedService(provider => provider.GetRequiredService<SyncScheduler>());
        }

        return services;
    }
}
