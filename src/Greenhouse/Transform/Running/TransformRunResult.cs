using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Running;

/// <summary>A transform run: its id in <c>_gh_runs</c>, how it ended, and each node's record (ephemeral nodes have none), in the order they finished.</summary>
public sealed record TransformRunResult(long RunId, RunStatus Status, IReadOnlyList<ModelRunRecord> Nodes, TimeSpan Elapsed)
{
    /// <summary>The data tests that ran (not those skipped), with their failing rows, in the order they finished.</summary>
    public IReadOnlyList<TestRun> Tests { get; init; } = [];
}
