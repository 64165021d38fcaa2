using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Running;

/// <summary>
/// The nodes of a run checked before anything runs: unique ids, what each kind needs, no cycle, relations a model may
/// write (none raw, none twice). Every problem is reported at once, one line each, naming the node.
/// </summary>
internal sealed class TransformPlan
{
    private TransformPlan(IReadOnlyList<PlannedNode> nodes) => Nodes = nodes;

    /// <summary>The nodes to build, in the order given (ephemeral nodes left out).</summary>
    public IReadOnlyList<PlannedNode> Nodes { get; }

    public static TransformPlan Create(IReadOnlyList<TransformNode> nodes, IModelStore store)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var problems = new List<string>();
        var byId = new Dictionary<string, TransformNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!byId.TryAdd(node.UniqueId, node))
            {
                problems.Add($"{node.UniqueId}: the id is given twice.");
            }
        }

        var planned = new Dictionary<string, PlannedNode>(StringComparer.Ordinal);
        var relations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in byId.Values)
        {
            problems.AddRange(Check(node).Select(problem => $"{node.UniqueId}: {problem}"));
            if (node.Materialization == Materialization.Ephemeral)
            {
                continue;
            }

            try
            {
                var relation = store.ModelRelation(node.Schema, node.Alias);
                if (relations.TryGetValue(relation.Sql, out var other))
                {
                    problems.Add($"{node.UniqueId}: writes {relation.Sql}, as {other} does; give one of them another alias or schema.");
                }

                relations[relation.Sql] = node.UniqueId;
                planned[node.UniqueId] = new PlannedNode(node, relation);
            }
            catch (WarehouseException e)
            {
                problems.Add($"{node.UniqueId}: {e.Message}");
            }
        }

        if (FindCycle(byId.ToDictionary(p => p.Key, p => p.Value.DependsOn, StringComparer.Ordinal)) is { } cycle)
        {
            problems.Add($"the nodes depend on each other in a cycle: {string.Join(" -> ", cycle)}.");
        }

        if (problems.Count > 0)
        {
            throw new TransformException("The transform cannot run:\n" + string.Join("\n", problems.Select(p => "  " + p)));
        }

        foreach (var node in planned.Values)
        {
            foreach (var upstream in BuiltUpstream(node.Node, byId, planned))
            {
                node.Upstream.Add(upstream);
                upstream.Downstream.Add(node);
            }
        }

        GateOnTests(planned.Values);

        return new TransformPlan([.. nodes.Where(n => planned.ContainsKey(n.UniqueId)).Select(n => planned[n.UniqueId])]);
    }

    private static IEnumerable<string> Check(TransformNode node)
    {
        var isSeed = node.Kind == NodeKind.Seed;
        if (isSeed != (node.Materialization == Materialization.Seed))
        {
            yield return isSeed ? $"a seed is materialized as seed, not {node.Materialization}." : "only a seed is materialized as seed.";
        }

        if (isSeed && node.Seed is null)
        {
            yield return "a seed needs its CSV file (Seed).";
        }

        if (!isSeed && node.Materialization != Materialization.Ephemeral && node.Compile is null)
        {
            yield return "a model needs its Compile step.";
        }

        if ((node.Kind == NodeKind.Test) != (node.Materialization == Materialization.Test) || (node.Kind == NodeKind.Test && node.Test is null))
        {
            yield return "a data test is materialized as test and needs its Test settings; only a test is.";
        }

        if (node.Materialization == Materialization.Incremental && node.UniqueKey.Count == 0
            && node.IncrementalStrategy is IncrementalStrategy.Merge or IncrementalStrategy.DeleteInsert)
        {
            yield return $"incremental_strategy {(node.IncrementalStrategy == IncrementalStrategy.Merge ? "merge" : "delete+insert")} needs a unique_key.";
        }
    }

    /// <summary>
    /// As <c>dbt build</c> orders it: what reads a tested node waits for that node's tests, so a failing
    /// error-severity test skips them. Not when the test itself reads the waiting node (a relationships test whose
    /// <c>to:</c> is a child of the model it is on), which would be a cycle.
    /// </summary>
    private static void GateOnTests(IEnumerable<PlannedNode> nodes)
    {
        var all = nodes.ToList();
        var byId = all.ToDictionary(n => n.Node.UniqueId, StringComparer.Ordinal);
        foreach (var test in all.Where(n => n.Node.Kind == NodeKind.Test && n.Node.Test?.AttachedNode is not null))
        {
            if (!byId.TryGetValue(test.Node.Test!.AttachedNode!, out var tested))
            {
                continue;
            }

            foreach (var reader in tested.Downstream.Where(d => d.Node.Kind != NodeKind.Test).ToList())
            {
                if (!Reads(test, reader))
                {
                    reader.Upstream.Add(test);
                    test.Downstream.Add(reader);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="node"/> reads <paramref name="other"/>, directly or through others.</summary>
    private static bool Reads(PlannedNode node, PlannedNode other)
    {
        var seen = new HashSet<PlannedNode>();
        var pending = new Stack<PlannedNode>(node.Upstream);
        while (pending.TryPop(out var upstream))
        {
            if (upstream == other)
            {
                return true;
            }

            if (seen.Add(upstream))
            {
                foreach (var next in upstream.Upstream)
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>The built nodes <paramref name="node"/> reads, looking through ephemeral ones (their SQL is inlined into it).</summary>
    private static HashSet<PlannedNode> BuiltUpstream(TransformNode node, Dictionary<string, TransformNode> byId, Dictionary<string, PlannedNode> planned)
    {
        var found = new HashSet<PlannedNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(node.DependsOn);
        while (pending.TryPop(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }

            if (planned.TryGetValue(id, out var built))
            {
                found.Add(built);
            }
            else if (byId.TryGetValue(id, out var ephemeral))
            {
                foreach (var dependency in ephemeral.DependsOn)
                {
                    pending.Push(dependency);
                }
            }
        }

        return found;
    }

    /// <summary>A path of ids that comes back to where it started, e.g. a → b → a; null when there is none. Ids not in <paramref name="dependsOn"/> end a path.</summary>
    internal static List<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);

        List<string>? Visit(string id)
        {
            if (onPath.Contains(id))
            {
                return [.. path.Skip(path.IndexOf(id)), id];
            }

            if (!done.Add(id) || !dependsOn.TryGetValue(id, out var dependencies))
            {
                return null;
            }

            path.Add(id);
            onPath.Add(id);
            foreach (var dependency in dependencies)
            {
                if (Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            onPath.Remove(id);
            return null;
        }

        return dependsOn.Keys.Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }
}
