using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Selection;

/// <summary>
/// What each selection method matches, as dbt-core's <c>core/dbt/graph/selector_methods.py</c> matches it. dbt
/// searches some methods over "parsed nodes" (models, seeds, tests: no sources) and others over all nodes; each
/// method below says which.
/// </summary>
internal static class Methods
{
    public static HashSet<int> Search(NodeGraph graph, SelectionCriterion criterion)
    {
        Func<ManifestNode, bool> matches = criterion.Method switch
        {
            SelectorMethod.Fqn => node => node.Type != ManifestNodeType.Source && FqnMatches(node.Fqn, criterion.Value, node.Version is not null),
            SelectorMethod.Tag => node => node.Tags.Any(tag => Wildcard.IsMatch(tag, criterion.Value)),
            SelectorMethod.Source => SourceMatcher(criterion.Value),
            SelectorMethod.Path => PathMatcher(criterion.Value),
            SelectorMethod.File => node => FileMatches(node.Path, criterion.Value),
            SelectorMethod.Package => node => Wildcard.IsMatch(node.Package, criterion.Value),
            SelectorMethod.Config => node => ConfigMatches(node.Config, criterion.Arguments, criterion.Value),
            SelectorMethod.TestName => node => node is { Type: ManifestNodeType.Test, TestName: { } name } && Wildcard.IsMatch(name, criterion.Value),
            SelectorMethod.TestType => TestTypeMatcher(criterion.Value),
            SelectorMethod.ResourceType => node => ResourceTypeName(node.Type) == criterion.Value,
            SelectorMethod.Group => node => node.Type != ManifestNodeType.Source
                && node.Config.TryGetValue("group", out var group) && group is string g && g == criterion.Value,
            SelectorMethod.Access => node => node.Type == ManifestNodeType.Model && Access(node) == criterion.Value,
            SelectorMethod.Version => node => node.Type == ManifestNodeType.Model && VersionMatches(node, criterion.Value),
            _ => _ => false,
        };

        var found = new HashSet<int>();
        for (var i = 0; i < graph.Members.Count; i++)
        {
            if (matches(graph.Members[i]))
            {
                found.Add(i);
            }
        }

        return found;
    }

    /// <summary>
    /// dbt's <c>QualifiedNameSelectorMethod</c>: the selector matches the fqn, or the fqn without its package (so
    /// <c>staging.*</c> works in any package). dbt-core's <c>is_selected_node</c>: the name itself; else the selector's
    /// dot-separated parts are a prefix of the fqn's (so <c>shop</c> and <c>staging</c> select whole folders), until
    /// a part with a wildcard, from where the rest must match the rest of the fqn joined with dots.
    /// </summary>
    private static bool FqnMatches(IReadOnlyList<string> fqn, string selector, bool versioned) =>
        IsSelectedNode(fqn, selector, versioned) || (fqn.Count > 1 && IsSelectedNode([.. fqn.Skip(1)], selector, versioned));

    /// <summary>
    /// dbt's <c>is_selected_node</c>. A versioned model's fqn ends in its name and version (<c>[dim_customers, v2]</c>):
    /// the bare name selects every version, and <c>dim_customers.v2</c> or <c>dim_customers_v2</c> one of them.
    /// </summary>
    private static bool IsSelectedNode(IReadOnlyList<string> fqn, string selector, bool versioned)
    {
        if (fqn.Count == 0)
        {
            return false;
        }

        if (versioned && fqn.Count >= 2)
        {
            var selectorParts = selector.Split('.');
            if (fqn[^2] == selector || $"{fqn[^2]}_{fqn[^1]}" == string.Join('_', selectorParts.Skip(Math.Max(0, selectorParts.Length - 2))))
            {
                return true;
            }
        }
        else if (fqn[^1] == selector)
        {
            return true;
        }

        // Dots in a name act as separators too.
        var flat = fqn.SelectMany(part => part.Split('.')).ToList();
        var parts = selector.Split('.');
        if (flat.Count < parts.Length)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (Wildcard.HasWildcard(parts[i]))
            {
                return Wildcard.IsMatch(string.Join('.', flat.Skip(i)), string.Join('.', parts.Skip(i)));
            }

            if (flat[i] != parts[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// dbt's <c>VersionSelectorMethod</c>: <c>latest</c> the latest version of each versioned model; <c>old</c> the
    /// versions before it; <c>prerelease</c> those after it; <c>none</c> the unversioned models.
    /// </summary>
    private static bool VersionMatches(ManifestNode node, string value) => (node.Version, node.LatestVersion, value) switch
    {
        (null, _, "none") => true,
        ({ } version, { } latest, "latest") => version == latest,
        ({ } version, { } latest, "old") => ModelVersion.Compare(version, latest) < 0,
        ({ } version, { } latest, "prerelease") => ModelVersion.Compare(version, latest) > 0,
        _ => false,
    };

    /// <summary>dbt's <c>SourceSelectorMethod</c>: <c>source</c>, <c>source.table</c> or <c>package.source.table</c>, each part a wildcard; source tables only.</summary>
    private static Func<ManifestNode, bool> SourceMatcher(string value)
    {
        var parts = value.Split('.');
        var (package, source, table) = parts.Length switch
        {
            1 => ("*", parts[0], "*"),
            2 => ("*", parts[0], parts[1]),
            _ => (parts[0], parts[1], parts[2]),
        };

        return node => node.Type == ManifestNodeType.Source
            && Wildcard.IsMatch(node.Package, package)
            && Wildcard.IsMatch(node.SourceName ?? "", source)
            && Wildcard.IsMatch(node.Name, table);
    }

    /// <summary>
    /// dbt's <c>PathSelectorMethod</c>: the node's file or a folder above it matches, or the pattern names the .yml
    /// that describes it; any node, sources (their .yml) too.
    /// </summary>
    private static Func<ManifestNode, bool> PathMatcher(string value)
    {
        var pattern = PathPattern.TryParse(value) ?? throw new InvalidOperationException("The parser lets only relative paths through.");
        return node => pattern.Selects(node.Path) || (node.PatchPath is { } patch && pattern.SelectsFile(patch));
    }

    /// <summary>dbt's <c>FileSelectorMethod</c>: the file's name (<c>stg_customers.sql</c>) or its stem (<c>stg_customers</c>).</summary>
    private static bool FileMatches(string path, string value)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        return Wildcard.IsMatch(name, value) || Wildcard.IsMatch(stem, value);
    }

    /// <summary>
    /// dbt's <c>ConfigSelectorMethod</c>: descend the config by the keys after <c>config.</c>; a list matches when it
    /// holds the value, anything else when it equals it. Strings compare exactly (case-insensitively for
    /// <c>severity</c>); <c>true</c>/<c>false</c> in any case match booleans; numbers never match (dbt compares the
    /// text <c>"5"</c> with the number 5, which Python finds unequal).
    /// </summary>
    private static bool ConfigMatches(IReadOnlyDictionary<string, object?> config, IReadOnlyList<string> keys, string value)
    {
        if (!config.TryGetValue(keys[0], out var found))
        {
            return false;
        }

        foreach (var key in keys.Skip(1))
        {
            if (!Mappings.IsMapping(found) || !Mappings.TryGet(found!, key, out found))
            {
                return false;
            }
        }

        var comparison = keys is ["severity"] ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Py.IsList(found)
            ? Py.AsSequence(found)!.Any(item => ScalarMatches(item, value, comparison))
            : ScalarMatches(found, value, comparison);
    }

    private static bool ScalarMatches(object? item, string value, StringComparison comparison) => item switch
    {
        string s => string.Equals(s, value, comparison),
        bool b => string.Equals(value, b ? "true" : "false", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>
    /// dbt's <c>TestTypeSelectorMethod</c> (1.8+): <c>generic</c> (or the older <c>schema</c>) for tests declared under
    /// a model's <c>tests:</c>/<c>data_tests:</c>, <c>singular</c> for <c>tests/*.sql</c>, <c>data</c> for both,
    /// <c>unit</c> for unit tests, which Greenhouse has none of.
    /// </summary>
    private static Func<ManifestNode, bool> TestTypeMatcher(string value) => value switch
    {
        "generic" or "schema" => node => node is { Type: ManifestNodeType.Test, TestName: not null },
        "singular" => node => node is { Type: ManifestNodeType.Test, TestName: null },
        "data" => node => node.Type == ManifestNodeType.Test,
        _ => _ => false,
    };

    /// <summary>
    /// dbt's <c>resource_type</c> names. dbt-core searches only parsed nodes with this method (its docs: it "doesn't
    /// work for sources"); Greenhouse searches sources too, so <c>resource_type:source</c> lists them.
    /// </summary>
    private static string ResourceTypeName(ManifestNodeType type) => type switch
    {
        ManifestNodeType.Model => "model",
        ManifestNodeType.Seed => "seed",
        ManifestNodeType.Test => "test",
        ManifestNodeType.Source => "source",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>A model's <c>access</c> (dbt's default: <c>protected</c>).</summary>
    private static string? Access(ManifestNode node) =>
        node.Config.TryGetValue("access", out var access) ? access as string : "protected";
}
