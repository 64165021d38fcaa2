using Greenhouse.Config;
using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>
/// How fresh one configured stream is against its <c>max_staleness</c>: the one freshness check behind
/// <c>greenhouse status</c>, <c>/api/status</c> and the stale alerts.
/// </summary>
/// <param name="FirstRun">When its first recorded run started (null: it never ran).</param>
public sealed record StreamFreshness(string Stream, TimeSpan? MaxStaleness, DateTimeOffset? LastSuccess, DateTimeOffset? FirstRun, DateTimeOffset Now)
{
    /// <param name="runs">Stream runs newest first, of any streams (as <see cref="IRunStore.ReadStreamRunsAsync"/> returns them).</param>
    public static StreamFreshness Of(SourceConfig source, string stream, IReadOnlyList<StreamRunRecord> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = $"{source.Name}.{stream}";
        var mine = runs.Where(r => r.Stream == name).ToList();
        return new StreamFreshness(
            name,
            source.MaxStalenessOf(stream),
            mine.FirstOrDefault(r => r.Status == RunStatus.Succeeded)?.FinishedAt,
            mine.Count > 0 ? mine.Min(r => r.StartedAt) : null,
            now);
    }

    /// <summary>How long ago it last synced successfully (null: never).</summary>
    public TimeSpan? Staleness => LastSuccess is { } at ? Now - at : null;

    /// <summary>It has a limit and is older than it, or never synced successfully.</summary>
    public bool Stale => MaxStaleness is { } limit && (Staleness is not { } age || age > limit);

    /// <summary>What its age counts from: its last success, else its first run (null: it never ran).</summary>
    public DateTimeOffset? Since => LastSuccess ?? FirstRun;

    /// <summary>Its age counted from <see cref="Since"/> is past its limit: a stale alert is due. A stream that never ran is never overdue.</summary>
    public bool Overdue => MaxStaleness is { } limit && Since is { } since && Now - since > limit;
}
