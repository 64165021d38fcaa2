namespace Greenhouse.Serve;

/// <summary>One stream in <c>GET /api/status</c>: last success, staleness against its limit, rows, and the last run.</summary>
public sealed record StreamStatusDocument(
    string Stream,
    DateTimeOffset? LastSuccess,
    double? StalenessSeconds,
    double? MaxStalenessSeconds,
    bool Stale,
    long Rows,
    long? LastRunId,
    string? LastStatus,
    string? LastError);
