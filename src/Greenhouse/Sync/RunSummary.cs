using Greenhouse.Warehouse;

namespace Greenhouse.Sync;

/// <summary>What a sync did: the run's id and status and each stream's result.</summary>
public sealed record RunSummary(long RunId, RunStatus Status, IReadOnlyList<StreamRunResult> Streams, TimeSpan Duration);
