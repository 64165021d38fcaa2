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
            await warehouse.MigrateAsync(cancellationToken);
        }
        catch (WarehouseException e)
        {
            logger.LogError("Warehouse unavailable at start-up: {Error}. Webhooks answer 503 and runs retry until it is back.", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
