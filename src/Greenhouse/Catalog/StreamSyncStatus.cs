namespace Greenhouse.Catalog;

/// <summary>One configured stream in <c>sync_status</c>: its table, last success, staleness against its limit, and its last run.</summary>
public sealed record StreamSyncStatus(
    string Stream,
    string Table,
    DateTimeOffset? LastSuccess,
    double? StalenessSeconds,
    double? MaxStalenessSeconds,
    bool Stale,
    string Freshness,
    long Rows,
    string? LastStatus,
    DateTimeOffset? LastRunStartedAt,
    string? LastError);
