using Greenhouse.Transform.Project;

namespace Greenhouse.Transform.Selection;

/// <summary>
/// dbt's node selection (<c>-s/--select</c>, <c>--exclude</c>, <c>--indirect-selection</c>) over a loaded project's
/// nodes: selection methods, graph operators (<c>+</c>, <c>n+</c>, <c>@</c>), set operators (space, comma) and the
/// tests a selection takes along. Built once per manifest; <see cref="Select"/> can be called many times. The steps
/// and their order are dbt-core's (<c>core/dbt/graph/selector.py</c>, <c>NodeSelector.select_nodes</c>), so a
/// selector selects what it selects in dbt; see docs/transform.md, "Selecting nodes".
/// </summary>
public sealed class NodeSelector
{
    private readonly NodeGraph _graph;

    public NodeSelector(IReadOnlyCollection<ManifestNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _graph = new NodeGraph(nodes);
    }

    /// <summary>
    /// The nodes that <paramref name="select"/> selects less those <paramref name="exclude"/> selects. Each list is
    /// what System.CommandLine gives for a repeated option: every string is split at spaces (a union), every term at
    /// commas (an intersection). A null or empty <paramref name="select"/> selects every enabled node. Disabled nodes
    /// (<c>enabled: false</c>) are never selected. <paramref name="resourceTypes"/>, when given, keeps only nodes of
    /// those types after selecting, as <c>dbt run</c> keeps only models (so <c>run -s +fct_mrr</c> runs fct_mrr's
    /// upstream models and not the seeds and sources it also selects).
    /// </summary>
    /// <exception cref="SelectionException">A selector is malformed: an unknown method, a missing value, a bad operator.</exception>
    public NodeSelection Select(
        IReadOnlyList<string>? select,
        IReadOnlyList<string>? exclude = null,
        IndirectSelection indirectSelection = IndirectSelection.Eager,
        IReadOnlyCollection<ManifestNodeType>? resourceTypes = null)
    {
        // Parse everything before selecting anything, so a bad selector fails whatever comes before it.
        var included = SelectorParser.ParseUnion(select ?? [], "--select");
        var excluded = SelectorParser.ParseUnion(exclude ?? [], "--exclude");
        var evaluation = new Evaluation(_graph, indirectSelection);

        // dbt's default, for no --select: fqn:* and source:*, which together are every node in the graph.
        var include = included.Count == 0
            ? new Selected([.. Enumerable.Range(0, _graph.Members.Count)], [])
            : evaluation.Union(included);
        var exclusion = evaluation.Union(excluded);

        // SelectionDifference: the direct sets subtract, so do the sets with the pending tests, then those tests
        // get their second chance against what is left.
        var direct = new HashSet<int>(include.Direct);
        direct.ExceptWith(exclusion.Direct);
        var indirect = new HashSet<int>(include.Direct);
        indirect.UnionWith(include.Indirect);
        indirect.ExceptWith(exclusion.Direct);
        indirect.ExceptWith(exclusion.Indirect);
        direct = evaluation.Incorporate(direct, indirect);

        var nodes = new List<ManifestNode>();
        for (var i = 0; i < _graph.Members.Count; i++)
        {
            var node = _graph.Members[i];
            if (direct.Contains(i) && (resourceTypes is null || resourceTypes.Contains(node.Type)))
            {
                nodes.Add(node);
            }
        }

        return new NodeSelection { Nodes = nodes, Warnings = evaluation.Warnings };
    }

    /// <summary>
    /// What a selector or set of them selected: <see cref="Direct"/> is selected; <see cref="Indirect"/> holds the
    /// tests that cautious or buildable selection left pending because some node they test was not (yet) selected.
    /// </summary>
    private sealed record Selected(HashSet<int> Direct, HashSet<int> Indirect);

    private sealed class Evaluation(NodeGraph graph, IndirectSelection mode)
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings => _warnings;

        /// <summary>dbt's <c>parse_union</c>: a union of terms, each an intersection; a term that selects nothing is warned about.</summary>
        public Selected Union(IReadOnlyList<SelectionTerm> terms)
        {
            var parts = new List<Selected>();
            foreach (var term in terms)
            {
                var intersection = Combine([.. term.Criteria.Select(Criterion)], (a, b) => a.IntersectWith(b));
                if (intersection.Direct.Count == 0)
                {
                    _warnings.Add($"The selection criterion '{term.Raw}' does not match any enabled nodes");
                }

                parts.Add(intersection);
            }

            return Combine(parts, (a, b) => a.UnionWith(b));
        }

        /// <summary>
        /// dbt's <c>select_nodes_recursively</c> for a set operation: combine the direct sets, combine the direct
        /// plus pending sets, and give the pending tests their chance against the combined selection.
        /// </summary>
        private Selected Combine(IReadOnlyList<Selected> parts, Action<HashSet<int>, HashSet<int>> operation)
        {
            if (parts.Count == 0)
            {
                return new Selected([], []);
            }

            var direct = new HashSet<int>(parts[0].Direct);
            var indirect = new HashSet<int>(parts[0].Direct.Concat(parts[0].Indirect));
            foreach (var part in parts.Skip(1))
            {
                operation(direct, part.Direct);
                operation(indirect, [.. part.Direct.Concat(part.Indirect)]);
            }

            return new Selected(Incorporate(direct, indirect), indirect);
        }

        /// <summary>dbt's <c>get_nodes_from_criteria</c>: the method's matches, their relatives by the graph operators, then the tests they take along.</summary>
        private Selected Criterion(SelectionCriterion criterion)
        {
            var collected = Methods.Search(graph, criterion);
            var selected = new HashSet<int>(collected);
            if (criterion.ChildrensParents)
            {
                var descendants = graph.Descendants(collected);
                descendants.UnionWith(collected);
                selected.UnionWith(descendants);
                selected.UnionWith(graph.Ancestors(descendants));
            }

            if (criterion.Parents)
            {
                selected.UnionWith(graph.Ancestors(collected, criterion.ParentsDepth));
            }

            if (criterion.Children)
            {
                selected.UnionWith(graph.Descendants(collected, criterion.ChildrenDepth));
            }

            return mode == IndirectSelection.Empty ? new Selected(selected, []) : Expand(selected);
        }

        /// <summary>
        /// dbt's <c>expand_selection</c>: each test that reads a selected node is selected (eager), or selected when
        /// every node it reads is selected (cautious; buildable also counts their ancestors and every source), or
        /// else kept pending.
        /// </summary>
        private Selected Expand(HashSet<int> selected)
        {
            var direct = new HashSet<int>(selected);
            var indirect = new HashSet<int>();
            HashSet<int>? selectedAndParents = null;
            if (mode == IndirectSelection.Buildable)
            {
                selectedAndParents = [.. selected, .. graph.Ancestors(selected)];
                for (var i = 0; i < graph.Members.Count; i++)
                {
                    if (graph.Members[i].Type == ManifestNodeType.Source)
                    {
                        selectedAndParents.Add(i);
                    }
                }
            }

            foreach (var node in selected.SelectMany(graph.Children).Distinct())
            {
                if (graph.Members[node].Type != ManifestNodeType.Test)
                {
                    continue;
                }

                if (mode == IndirectSelection.Eager || graph.Parents(node).All(selected.Contains))
                {
                    direct.Add(node);
                }
                else if (selectedAndParents is not null && graph.Parents(node).All(selectedAndParents.Contains))
                {
                    direct.Add(node);
                }
                else
                {
                    indirect.Add(node);
                }
            }

            return new Selected(direct, indirect);
        }

        /// <summary>dbt's <c>incorporate_indirect_nodes</c>: a pending test is selected once all it reads is (cautious), or is or feeds the selection (buildable).</summary>
        public HashSet<int> Incorporate(HashSet<int> direct, HashSet<int> indirect)
        {
            if (direct.SetEquals(indirect) || mode is IndirectSelection.Eager or IndirectSelection.Empty)
            {
                return direct;
            }

            var selected = new HashSet<int>(direct);
            HashSet<int> against = mode == IndirectSelection.Buildable ? [.. selected, .. graph.Ancestors(selected)] : selected;
            foreach (var node in indirect)
            {
                // dbt checks every pending node that is not a source; only tests are ever pending and not selected.
                if (graph.Members[node].Type != ManifestNodeType.Source && graph.Parents(node).All(against.Contains))
                {
                    selected.Add(node);
                }
            }

            return selected;
        }
    }
}
