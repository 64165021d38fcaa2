using Greenhouse.Config;
using Greenhouse.Sources;
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
    /// <summary>How long a row count read for <see cref="GetAsync"/> with <c>cachedCounts</c> is kept, unless a run of its stream finishes first.</summary>
    public static readonly TimeSpan RowCountLifetime = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long? RunId, DateTimeOffset At, long Rows)> _counts = new(StringComparer.Ordinal);

    /// <summary>
    /// Every configured stream: last success, staleness against its freshness limits, rows and its last run. With
    /// <paramref name="cachedCounts"/> (the web UI's health page, read often) a stream's row count is the one read in
    /// the last <see cref="RowCountLifetime"/> unless a run of it finished since: counting a large table on every page
    /// load is what made the page slow; a webhook's rows show within the minute.
    /// </summary>
    public async Task<IReadOnlyList<StreamStatus>> GetAsync(bool cachedCounts = false, CancellationToken cancellationToken = default)
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
                await CountAsync(descriptor, runs.FirstOrDefault(r => r.Stream == descriptor.FullName)?.RunId, now, cachedCounts, cancellationToken),
                runs.FirstOrDefault(r => r.Stream == descriptor.FullName),
                freshness.Level));
        }

        return statuses;
    }

    private async Task<long> CountAsync(StreamDescriptor stream, long? lastRun, DateTimeOffset now, bool cached, CancellationToken cancellationToken)
    {
        if (cached && _counts.TryGetValue(stream.FullName, out var known) && known.RunId == lastRun && now - known.At < RowCountLifetime)
        {
            return known.Rows;
        }

        var rows = await warehouse.CountRowsAsync(stream, cancellationToken);
        _counts[stream.FullName] = (lastRun, now, rows);
        return rows;
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
