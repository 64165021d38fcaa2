using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>How fresh and healthy one configured stream is.</summary>
/// <param name="MaxStaleness">Its first freshness limit (see <see cref="StreamFreshness.MaxStaleness"/>).</param>
/// <param name="Stale">See <see cref="StreamFreshness.Stale"/>.</param>
/// <param name="Freshness">How late it is: past warn_after, past error_after, or within its limits.</param>
public sealed record StreamStatus(
    string Stream,
    DateTimeOffset? LastSuccess,
    TimeSpan? Staleness,
    TimeSpan? MaxStaleness,
    bool Stale,
    long Rows,
    StreamRunRecord? LastRun,
    FreshnessLevel Freshness = FreshnessLevel.Pass);
