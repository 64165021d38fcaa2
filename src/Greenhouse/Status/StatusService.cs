using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>Per configured stream: last successful sync, staleness, rows, and the last run's counts and error.</summary>
public sealed class StatusService(GreenhouseConfig config, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyList<StreamStatus>> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var warehouse = WarehouseFactory.Open(config.Warehouse, config.Schema);
        await warehouse.MigrateAsync(cancellationToken);
        var runs = await warehouse.ReadStreamRunsAsync(limit: 10_000, cancellationToken: cancellationToken);
        var now = _clock.GetUtcNow();
        var statuses = new List<StreamStatus>();
        foreach (var descriptor in SyncPlan.For(config).Streams)
        {
            var mine = runs.Where(r => r.Stream == descriptor.FullName).ToList();
            var lastSuccess = mine.FirstOrDefault(r => r.Status == RunStatus.Succeeded)?.FinishedAt;
            statuses.Add(new StreamStatus(
                descriptor.FullName,
                lastSuccess,
                lastSuccess is { } at ? now - at : null,
                await warehouse.CountRowsAsync(descriptor, cancellationToken),
                mine.FirstOrDefault()));
        }

        return statuses;
    }
}
