namespace Greenhouse.Warehouse;

/// <summary>One stream's part of a run, as stored in the stream-runs table.</summary>
public sealed record StreamRunRecord(
    long RunId,
    string Stream,
    string Mode,
    RunStatus Status,
    int New,
    int Updated,
    int Unchanged,
    int Deleted,
    int Warnings,
    int Pages,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double Seconds,
    string? Error);
