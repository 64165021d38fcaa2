using Greenhouse.Config;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>
/// Per configured stream: last successful sync, staleness against its limit, rows, and the last run's counts and error.
/// Read-side: it never migrates or creates anything (<see cref="IWarehouse.CheckReadableAsync"/>).
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class StatusService(GreenhouseConfig config, IWarehouse warehouse, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyList<StreamStatus>> GetAsync(CancellationToken cancellationToken = default)
    {
        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        var runs = await warehouse.ReadStreamRunsAsync(limit: 10_000, cancellationToken: cancellationToken);
        var now = _clock.GetUtcNow();
        var statuses = new List<StreamStatus>();
        var rules = FreshnessRules.Load(config);
        foreach (var descriptor in SyncPlan.For(config).Streams)
        {
            var freshness = StreamFreshness.Of(descriptor.FullName, rules.For(descriptor), runs, now);
            statuses.Add(new StreamStatus(
                descriptor.FullName,
                freshness.LastSuccess,
                freshness.Staleness,
                freshness.MaxStaleness,
                freshness.Stale,
                await warehouse.CountRowsAsync(descriptor, cancellationToken),
                runs.FirstOrDefault(r => r.Stream == descriptor.FullName),
                freshness.Level));
        }

        return statuses;
    }

    /// <summary>
    /// Every configured stream with a freshness limit, against it (<c>greenhouse transform source freshness</c>), and
    /// why the transform project's freshness could not be read, if it could not.
    /// </summary>
    public async Task<(IReadOnlyList<StreamFreshness> Streams, string? Problem)> GetFreshnessAsync(CancellationToken cancellationToken = default)
    {
        await warehouse.MigrateAsync(cancellationToken); // transform source freshness reports a never-synced warehouse as stale
        var runs = await warehouse.ReadStreamRunsAsync(limit: 10_000, cancellationToken: cancellationToken);
        var now = _clock.GetUtcNow();
        var rules = FreshnessRules.Load(config);
        var streams = SyncPlan.For(config).Streams.Select(d => StreamFreshness.Of(d.FullName, rules.For(d), runs, now)).Where(f => f.Policy.IsSet).ToList();
        return (streams, rules.Problem);
    }

    /// <summary>Each model and seed's last build (newest first by run): how it ended, its rows, time and error.</summary>
    public async Task<IReadOnlyList<ModelRunRecord>> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        var runs = await warehouse.ReadModelRunsAsync(limit: 10_000, cancellationToken: cancellationToken);
        return [.. runs.GroupBy(r => r.Node, StringComparer.Ordinal).Select(g => g.First()).OrderBy(r => r.Node, StringComparer.Ordinal)];
    }
}
