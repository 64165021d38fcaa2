using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Running;

/// <summary>A node the runner builds: its relation, and the planned nodes it waits for and that wait for it (ephemeral nodes seen through).</summary>
internal sealed record PlannedNode(TransformNode Node, ModelRelation Relation)
{
    public List<PlannedNode> Upstream { get; } = [];

    public List<PlannedNode> Downstream { get; } = [];
}
