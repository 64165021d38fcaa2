using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>How fresh and healthy one configured stream is.</summary>
/// <param name="Stale">See <see cref="StreamFreshness.Stale"/>.</param>
public sealed record StreamStatus(
    string Stream,
    DateTimeOffset? LastSuccess,
    TimeSpan? Staleness,
    TimeSpan? MaxStaleness,
    bool Stale,
    long Rows,
    StreamRunRecord? LastRun);
