using Greenhouse.Warehouse;

namespace Greenhouse.Status;

/// <summary>How fresh and healthy one configured stream is.</summary>
public sealed record StreamStatus(
    string Stream,
    DateTimeOffset? LastSuccess,
    TimeSpan? Staleness,
    long Rows,
    StreamRunRecord? LastRun);
