using Greenhouse.Warehouse;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Serve;

/// <summary>Creates or migrates the metadata tables at start-up; a warehouse that is down is retried later, not fatal.</summary>
internal sealed class WarehouseMigrator(IWarehouse warehouse, ILogger<WarehouseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Not the start-up token: a migration half-done by a cancelled start would only be redone.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await warehouse.MigrateAsync(timeout.Token);
        }
        catch (Exception e) when (e is WarehouseException or OperationCanceledException or System.Data.Common.DbException)
        {
            logger.LogError("Warehouse unavailable at start-up: {Error}. Webhooks answer 503 and runs retry until it is back.", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
