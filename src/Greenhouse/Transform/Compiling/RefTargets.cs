using Greenhouse.Config;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// What <c>ref()</c> can name: the enabled models and seeds by name, a versioned model's versions under its one name.
/// <c>ref('m')</c> is an unversioned node or the latest version; <c>ref('m', v=2)</c> that version.
/// </summary>
internal sealed class RefTargets
{
    private readonly Dictionary<string, List<ParsedNode>> _byName;

    public RefTargets(IEnumerable<ParsedNode> nodes)
    {
        _byName = nodes.Where(n => n.Kind != NodeKind.Test).GroupBy(n => n.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The node <c>ref(name, version=…)</c> names, or null with <paramref name="problem"/> saying why not (after
    /// <c>ref('m', v=2)</c>: a version that does not exist, naming those that do; a version of an unversioned model).
    /// Null with no problem when no node has the name.
    /// </summary>
    public ParsedNode? Find(string name, string? version, out string? problem)
    {
        problem = null;
        if (!_byName.TryGetValue(name, out var candidates))
        {
            return null;
        }

        var versions = candidates.Where(n => n.Version is not null).ToList();
        if (version is null)
        {
            return versions.Count == 0
                ? candidates[0]
                : versions.FirstOrDefault(n => n.Version == n.LatestVersion) is { } latest
                    ? latest
                    : Fail($"ref('{name}') names the latest version of '{name}', {versions[0].LatestVersion}, which is disabled; ref an enabled version ({List(versions)}) with v=.", out problem);
        }

        if (versions.Count == 0)
        {
            return Fail($"ref('{name}', v={version}) names a version, but '{name}' is not a versioned model (its properties list no versions:); ref it without one.", out problem);
        }

        return versions.FirstOrDefault(n => n.Version == version)
            ?? Fail($"ref('{name}', v={version}) names no version of '{name}'; its versions are {List(versions)}.", out problem);
    }

    private static string List(IEnumerable<ParsedNode> versions) => string.Join(", ", versions.Select(v => v.Version));

    private static ParsedNode? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }

    /// <summary>A hint for a name no node has.</summary>
    public string Hint(string name) => DidYouMean.Hint(name, _byName.Keys);
}
