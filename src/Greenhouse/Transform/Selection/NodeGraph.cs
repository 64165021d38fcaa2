using Greenhouse.Transform.Project;

namespace Greenhouse.Transform.Selection;

/// <summary>
/// The graph selection walks: the enabled nodes (dbt builds its selector over "non-empty, enabled nodes and enabled
/// sources" only) with an edge from each node to every node that reads it. Nodes are numbered in the manifest's
/// order; a dependency on a node that is not in the graph (disabled, or not in the manifest) is no edge.
/// </summary>
internal sealed class NodeGraph
{
    private readonly int[][] _parents;
    private readonly int[][] _children;

    public NodeGraph(IReadOnlyCollection<ManifestNode> nodes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<ManifestNode>();
        foreach (var node in nodes)
        {
            if (!seen.Add(node.UniqueId))
            {
                throw new ArgumentException($"The manifest lists {node.UniqueId} twice.", nameof(nodes));
            }

            if (IsEnabled(node))
            {
                index[node.UniqueId] = members.Count;
                members.Add(node);
            }
        }

        Members = members;
        _parents = new int[members.Count][];
        var children = new List<int>[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            children[i] = [];
        }

        for (var i = 0; i < members.Count; i++)
        {
            _parents[i] = [.. members[i].DependsOn.Where(index.ContainsKey).Select(d => index[d]).Where(p => p != i).Distinct()];
            foreach (var parent in _parents[i])
            {
                children[parent].Add(i);
            }
        }

        _children = [.. children.Select(c => c.ToArray())];
    }

    /// <summary>The enabled nodes, in the manifest's order; a node's number is its position here.</summary>
    public IReadOnlyList<ManifestNode> Members { get; }

    public IReadOnlyList<int> Parents(int node) => _parents[node];

    public IReadOnlyList<int> Children(int node) => _children[node];

    /// <summary>The nodes reached from the given ones by following parents, up to <paramref name="maxDepth"/> edges (all the way when null); the given nodes are not included unless reached.</summary>
    public HashSet<int> Ancestors(IEnumerable<int> from, int? maxDepth = null) => Walk(from, maxDepth, _parents);

    /// <summary>As <see cref="Ancestors"/>, following children.</summary>
    public HashSet<int> Descendants(IEnumerable<int> from, int? maxDepth = null) => Walk(from, maxDepth, _children);

    private static bool IsEnabled(ManifestNode node) =>
        !(node.Config.TryGetValue("enabled", out var enabled) && enabled is false);

    /// <summary>
    /// Breadth first from every start at once: a node is reached when some start is within <paramref name="maxDepth"/>
    /// edges of it, which is the union of dbt's per-node <c>bfs_edges(depth_limit=...)</c>.
    /// </summary>
    private static HashSet<int> Walk(IEnumerable<int> from, int? maxDepth, int[][] edges)
    {
        var reached = new HashSet<int>();
        var visited = new HashSet<int>(from);
        var frontier = visited.ToList();
        for (var depth = 0; frontier.Count > 0 && (maxDepth is null || depth < maxDepth); depth++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                foreach (var neighbour in edges[node])
                {
                    reached.Add(neighbour);
                    if (visited.Add(neighbour))
                    {
                        next.Add(neighbour);
                    }
                }
            }

            frontier = next;
        }

        return reached;
    }
}
