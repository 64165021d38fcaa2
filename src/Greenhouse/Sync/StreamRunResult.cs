using Greenhouse.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Sync;

/// <summary>How one stream's part of a run went.</summary>
public sealed record StreamRunResult(
    string Stream,
    RunStatus Status,
    SyncMode Mode,
    bool Resumed,
    BatchCounts Counts,
    int Warnings,
    int Pages,
    int Records,
    TimeSpan Duration,
    string? Error);
