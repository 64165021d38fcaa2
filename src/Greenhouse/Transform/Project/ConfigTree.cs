using YamlDotNet.RepresentationModel;

namespace Greenhouse.Transform.Project;

/// <summary>
/// A resource type's config tree in <c>dbt_project.yml</c> (<c>models:</c>, <c>seeds:</c>, <c>tests:</c>): <c>+key</c>
/// entries are configs, other keys name a package, a folder or a node, and nest. A node's config is every level of
/// its fqn applied in turn, the most specific last (<see cref="NodeConfig.Merge"/>).
/// </summary>
public sealed class ConfigTree
{
    /// <summary>Configs whose value is itself a mapping, so a key without <c>+</c> holding a mapping is still a config.</summary>
    private static readonly HashSet<string> MappingConfigs = new(StringComparer.Ordinal)
    {
        "meta", "docs", "persist_docs", "column_types", "grants", "contract", "quoting", "freshness", "labels",
    };

    private readonly Level _root;

    private ConfigTree(Level root) => _root = root;

    public static ConfigTree Empty { get; } = new(new Level());

    internal static ConfigTree Read(ProjectYaml file, YamlMappingNode? node, string path) =>
        node is null ? Empty : new ConfigTree(ReadLevel(file, node, path));

    /// <summary>The configs that apply to a node with this fqn, general first.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> For(IReadOnlyList<string> fqn)
    {
        var levels = new List<IReadOnlyDictionary<string, object?>>();
        var level = _root;
        levels.Add(level.Configs);
        foreach (var part in fqn)
        {
            if (!level.Children.TryGetValue(part, out var child))
            {
                break;
            }

            level = child;
            levels.Add(level.Configs);
        }

        return levels;
    }

    private static Level ReadLevel(ProjectYaml file, YamlMappingNode node, string path)
    {
        var level = new Level();
        foreach (var (key, keyNode, value) in ProjectYaml.Entries(node))
        {
            if (key.StartsWith('+'))
            {
                level.Configs[key[1..]] = ProjectYaml.Value(value);
            }
            else if (value is YamlMappingNode mapping && !MappingConfigs.Contains(key))
            {
                level.Children[key] = ReadLevel(file, mapping, $"{path}.{key}");
            }
            else if (value is YamlMappingNode or YamlSequenceNode or YamlScalarNode)
            {
                level.Configs[key] = ProjectYaml.Value(value);
            }
            else
            {
                throw file.Error(keyNode, $"{path}.{key}", "expected a config value or a folder's configs.");
            }
        }

        return level;
    }

    private sealed class Level
    {
        public Dictionary<string, object?> Configs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Level> Children { get; } = new(StringComparer.Ordinal);
    }
}
