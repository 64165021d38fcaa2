using Greenhouse.Transform.Project;

namespace Greenhouse.Transform.Selection;

/// <summary>What a selection chose: the nodes, in the order the manifest listed them, and its warnings.</summary>
public sealed record NodeSelection
{
    /// <summary>The selected nodes, in the manifest's order.</summary>
    public required IReadOnlyList<ManifestNode> Nodes { get; init; }

    /// <summary>Their unique ids, in the same order.</summary>
    public IReadOnlyList<string> UniqueIds => [.. Nodes.Select(n => n.UniqueId)];

    /// <summary>
    /// One line per selector that matched no enabled node, as dbt warns:
    /// <c>The selection criterion 'tag:nighlty' does not match any enabled nodes</c>. Not an error: the selection may
    /// still hold nodes, or be empty.
    /// </summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
