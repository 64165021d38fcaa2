using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>
/// How fresh one configured stream is against its <see cref="FreshnessPolicy"/>: the one freshness check behind
/// <c>greenhouse status</c>, <c>/api/status</c>, <c>greenhouse transform source freshness</c> and the stale alerts,
/// answered from Greenhouse's own sync records (no <c>loaded_at_field</c> needed).
/// </summary>
/// <param name="FirstRun">When its first recorded run started (null: it never ran).</param>
public sealed record StreamFreshness(string Stream, FreshnessPolicy Policy, DateTimeOffset? LastSuccess, DateTimeOffset? FirstRun, DateTimeOffset Now)
{
    /// <param name="stream">The stream's full name, <c>stripe.customers</c>.</param>
    /// <param name="runs">Stream runs newest first, of any streams (as <see cref="IRunStore.ReadStreamRunsAsync"/> returns them).</param>
    public static StreamFreshness Of(string stream, FreshnessPolicy policy, IReadOnlyList<StreamRunRecord> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var mine = runs.Where(r => r.Stream == stream).ToList();
        return new StreamFreshness(
            stream,
            policy,
            mine.FirstOrDefault(r => r.Status == RunStatus.Succeeded)?.FinishedAt,
            mine.Count > 0 ? mine.Min(r => r.StartedAt) : null,
            now);
    }

    /// <summary>Its first limit (warn, else error); null when it has none.</summary>
    public TimeSpan? MaxStaleness => Policy.FirstLimit;

    /// <summary>How long ago it last synced successfully (null: never).</summary>
    public TimeSpan? Staleness => LastSuccess is { } at ? Now - at : null;

    /// <summary>Against its limits: past warn_after, past error_after, or within them; never having synced successfully is as late as it can be.</summary>
    public FreshnessLevel Level => Policy.IsSet ? Policy.LevelAt(Staleness) : FreshnessLevel.Pass;

    /// <summary>It has a limit and is older than it, or never synced successfully.</summary>
    public bool Stale => Level != FreshnessLevel.Pass;

    /// <summary>What its age counts from: its last success, else its first run (null: it never ran).</summary>
    public DateTimeOffset? Since => LastSuccess ?? FirstRun;

    /// <summary>
    /// What an alert says of it: its age counted from <see cref="Since"/> against its limits. A stream that never ran
    /// is never overdue (there is nothing to be late yet).
    /// </summary>
    public FreshnessLevel AlertLevel => Since is { } since ? Policy.LevelAt(Now - since) : FreshnessLevel.Pass;

    /// <summary>A stale alert is due: <see cref="AlertLevel"/> is past a limit.</summary>
    public bool Overdue => AlertLevel != FreshnessLevel.Pass;
}
