using Greenhouse.Config;
using Greenhouse.Transform.Templates;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Transform.Project;

/// <summary>
/// Reads dbt properties files (<c>version: 2</c> with <c>models:</c>, <c>seeds:</c>, <c>sources:</c>, <c>data_tests:</c>),
/// collecting every file's entries. A node described twice, or a key that is not dbt's, is an error naming the file.
/// </summary>
internal sealed class PropertiesReader(List<string> warnings)
{
    private static readonly string[] TopKeys = ["version", "models", "seeds", "sources", "data_tests", "tests", "macros", "exposures", "analyses", "snapshots", "groups", "unit_tests"];

    private static readonly string[] NodeKeys = ["name", "description", "columns", "tests", "data_tests", "config", "docs", "meta", "tags", "latest_version", "versions", "access", "group", "constraints", "time_spine", "deprecation_date"];

    private static readonly string[] ColumnKeys = ["name", "description", "data_type", "tests", "data_tests", "meta", "quote", "tags", "constraints", "policy_tags", "granularity", "config"];

    /// <summary>The keys of a model's <c>versions:</c> entry (dbt's <c>UnparsedVersion</c>).</summary>
    private static readonly string[] VersionKeys = ["v", "defined_in", "description", "config", "columns", "tests", "data_tests", "docs", "access", "constraints", "deprecation_date"];

    private static readonly string[] SourceKeys = ["name", "description", "schema", "database", "loader", "loaded_at_field", "freshness", "tables", "tags", "meta", "config", "quoting", "overrides"];

    private static readonly string[] TableKeys = ["name", "identifier", "description", "columns", "tests", "data_tests", "freshness", "loaded_at_field", "tags", "meta", "config", "quoting", "external"];

    public Dictionary<string, NodeProperties> Models { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, NodeProperties> Seeds { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, NodeProperties> Tests { get; } = new(StringComparer.Ordinal);

    public List<SourceProperties> Sources { get; } = [];

    public void Read(ProjectYaml file)
    {
        if (file.Root is not { } top)
        {
            return;
        }

        if (ProjectYaml.Child(top, "models") is null && ProjectYaml.Child(top, "sources") is null && ProjectYaml.Child(top, "seeds") is null
            && ProjectYaml.Child(top, "data_tests") is null && ProjectYaml.Child(top, "version") is null)
        {
            warnings.Add($"{file.FileName}: not a dbt properties file (no version:, models:, sources:, seeds:); skipped.");
            return;
        }

        CheckKeys(file, top, TopKeys, "");
        foreach (var (entry, name) in Named(file, top, "models"))
        {
            Add(Models, file, entry, "models", WithVersions(file, entry, ReadNode(file, entry, name, $"models.{name}"), $"models.{name}"));
        }

        foreach (var (entry, name) in Named(file, top, "seeds"))
        {
            Add(Seeds, file, entry, "seeds", ReadNode(file, entry, name, $"seeds.{name}"));
        }

        foreach (var (entry, name) in Named(file, top, "data_tests").Concat(Named(file, top, "tests")))
        {
            Add(Tests, file, entry, "data_tests", ReadNode(file, entry, name, $"data_tests.{name}"));
        }

        foreach (var (entry, name) in Named(file, top, "sources"))
        {
            var path = $"sources.{name}";
            CheckKeys(file, entry, SourceKeys, path);
            if (Sources.FirstOrDefault(s => s.Name == name) is { } existing)
            {
                throw file.Error(entry, path, $"the source '{name}' is declared twice (also in {existing.File}).");
            }

            Sources.Add(new SourceProperties(name, file.FileName)
            {
                Description = file.Text(entry, "description", $"{path}.description"),
                Schema = file.Text(entry, "schema", $"{path}.schema"),
                LoadedAtField = file.Text(entry, "loaded_at_field", $"{path}.loaded_at_field"),
                Freshness = ProjectYaml.Child(entry, "freshness") is { } freshness ? ProjectYaml.Value(freshness) : null,
                Tags = file.Texts(entry, "tags", $"{path}.tags"),
                Meta = Meta(file, entry, path),
                Tables = [.. Named(file, entry, "tables", path).Select(t => ReadTable(file, t.Entry, t.Name, $"{path}.tables.{t.Name}"))],
            });
        }
    }

    private static void Add(Dictionary<string, NodeProperties> into, ProjectYaml file, YamlMappingNode entry, string kind, NodeProperties properties)
    {
        if (!into.TryAdd(properties.Name, properties))
        {
            throw file.Error(entry, $"{kind}.{properties.Name}", $"'{properties.Name}' is described twice (also in {into[properties.Name].File}); keep one entry.");
        }
    }

    private static NodeProperties ReadNode(ProjectYaml file, YamlMappingNode entry, string name, string path)
    {
        CheckKeys(file, entry, NodeKeys, path);
        var config = file.Mapping(entry, "config", $"{path}.config") is { } mapping ? Configs(mapping) : [];
        if (file.Texts(entry, "tags", $"{path}.tags") is { Count: > 0 } tags)
        {
            NodeConfig.Merge(config, new Dictionary<string, object?> { ["tags"] = tags.Cast<object?>().ToList() });
        }

        return new NodeProperties(name, file.FileName)
        {
            Description = file.Text(entry, "description", $"{path}.description"),
            Columns = Columns(file, entry, path),
            Tests = TestsOf(file, entry, path),
            Config = config,
        };
    }

    private static SourceTableProperties ReadTable(ProjectYaml file, YamlMappingNode entry, string name, string path)
    {
        CheckKeys(file, entry, TableKeys, path);
        var freshness = ProjectYaml.Child(entry, "freshness");
        return new SourceTableProperties(name)
        {
            Identifier = file.Text(entry, "identifier", $"{path}.identifier"),
            Description = file.Text(entry, "description", $"{path}.description"),
            Columns = Columns(file, entry, path),
            Tests = TestsOf(file, entry, path),
            Freshness = freshness is null ? null : ProjectYaml.Value(freshness),
            FreshnessSet = freshness is not null,
            LoadedAtField = file.Text(entry, "loaded_at_field", $"{path}.loaded_at_field"),
            Tags = file.Texts(entry, "tags", $"{path}.tags"),
        };
    }

    private static List<ColumnProperties> Columns(ProjectYaml file, YamlMappingNode entry, string path)
    {
        var columns = new List<ColumnProperties>();
        foreach (var (column, name) in Named(file, entry, "columns", path))
        {
            columns.Add(Column(file, column, name, $"{path}.columns.{name}", columns));
        }

        return columns;
    }

    private static ColumnProperties Column(ProjectYaml file, YamlMappingNode column, string name, string columnPath, List<ColumnProperties> earlier)
    {
        CheckKeys(file, column, ColumnKeys, columnPath);
        if (earlier.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw file.Error(column, columnPath, $"the column '{name}' is listed twice.");
        }

        var quote = ProjectYaml.Child(column, "quote") is { } q ? ProjectYaml.Value(q) : null;
        return new ColumnProperties(name)
        {
            Description = file.Text(column, "description", $"{columnPath}.description"),
            DataType = file.Text(column, "data_type", $"{columnPath}.data_type"),
            Quote = quote is true,
            Tests = TestsOf(file, column, columnPath),
            Meta = Meta(file, column, columnPath),
        };
    }

    /// <summary>
    /// A model's <c>versions:</c> and <c>latest_version:</c>: each version's properties are the model's with the
    /// version's applied. A version without <c>v</c>, a <c>v</c> listed twice, or a <c>latest_version</c> that is none of
    /// them is an error at its line.
    /// </summary>
    private static NodeProperties WithVersions(ProjectYaml file, YamlMappingNode entry, NodeProperties model, string path)
    {
        var versionsPath = $"{path}.versions";
        var versions = new List<ModelVersion>();
        foreach (var item in file.Sequence(entry, "versions", versionsPath))
        {
            if (item is not YamlMappingNode version)
            {
                throw file.Error(item, versionsPath, "expected a list of entries, each a mapping with a v: key.");
            }

            var v = file.Text(version, "v", $"{versionsPath}.v") ?? throw file.Error(version, versionsPath, "an entry has no v: (the version's identifier, as in v: 2).");
            var versionPath = $"{versionsPath}.v{v}";
            CheckKeys(file, version, VersionKeys, versionPath);
            if (versions.Any(earlier => earlier.Version == v))
            {
                throw file.Error(ProjectYaml.Child(version, "v")!, $"{versionsPath}.v", $"the version '{v}' is listed twice; each v: names one version.");
            }

            versions.Add(new ModelVersion(v, $"{file.FileName}:{version.Start.Line}:{version.Start.Column}")
            {
                DefinedIn = file.Text(version, "defined_in", $"{versionPath}.defined_in"),
                Properties = VersionProperties(file, version, model, versionPath),
            });
        }

        var latest = file.Text(entry, "latest_version", $"{path}.latest_version");
        if (latest is not null && versions.All(version => version.Version != latest))
        {
            throw file.Error(ProjectYaml.Child(entry, "latest_version")!, $"{path}.latest_version", versions.Count == 0
                ? $"'{latest}' names a version, but the model lists no versions:."
                : $"'{latest}' is not one of the model's versions ({string.Join(", ", versions.Select(v => v.Version))}).");
        }

        return versions.Count == 0 ? model : model with
        {
            Versions = versions,
            LatestVersion = latest ?? versions.Select(v => v.Version).Aggregate((a, b) => Greatest(versions, a, b)),
        };
    }

    /// <summary>dbt's default latest version: the greater by number when every version is a number, else the alphabetically last.</summary>
    private static string Greatest(List<ModelVersion> versions, string a, string b)
    {
        var numeric = versions.All(v => v.Value is not string);
        return (numeric ? ModelVersion.Compare(a, b) : string.CompareOrdinal(a, b)) >= 0 ? a : b;
    }

    /// <summary>
    /// A version's properties: its description or the model's; the model's columns that its <c>- include:</c> entry
    /// keeps (all by default) less those it excludes, each replaced by the version's own entry of the same name, then
    /// its other columns; its tests, or the model's when it lists none; the model's config with its own merged after.
    /// </summary>
    private static NodeProperties VersionProperties(ProjectYaml file, YamlMappingNode version, NodeProperties model, string path)
    {
        var columnsPath = $"{path}.columns";
        Func<string, bool> kept = _ => true;
        var own = new List<ColumnProperties>();
        foreach (var item in file.Sequence(version, "columns", columnsPath))
        {
            if (item is YamlMappingNode selection && ProjectYaml.Child(selection, "include") is { } include)
            {
                kept = IncludeExclude(file, selection, include, columnsPath);
            }
            else if (item is YamlMappingNode column && file.Text(column, "name", $"{columnsPath}.name") is { } name)
            {
                own.Add(Column(file, column, name, $"{columnsPath}.{name}", own));
            }
            else
            {
                throw file.Error(item, columnsPath, "each entry is a column (- name: ...) or the model's columns it keeps (- include: '*' with an optional exclude: [...]).");
            }
        }

        var columns = model.Columns.Where(c => kept(c.Name))
            .Select(c => own.FirstOrDefault(o => string.Equals(o.Name, c.Name, StringComparison.OrdinalIgnoreCase)) ?? c)
            .ToList();
        columns.AddRange(own.Where(o => columns.All(c => !string.Equals(c.Name, o.Name, StringComparison.OrdinalIgnoreCase))));

        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        NodeConfig.Merge(config, model.Config);
        if (file.Mapping(version, "config", $"{path}.config") is { } mapping)
        {
            NodeConfig.Merge(config, Configs(mapping));
        }

        var listsTests = ProjectYaml.Child(version, "tests") is not null || ProjectYaml.Child(version, "data_tests") is not null;
        return model with
        {
            Description = file.Text(version, "description", $"{path}.description") ?? model.Description,
            Columns = columns,
            Tests = listsTests ? TestsOf(file, version, path) : model.Tests,
            Config = config,
        };
    }

    /// <summary>A version's <c>- include: '*' | 'all' | [names]</c> with <c>exclude: [names]</c>: which of the model's columns it keeps.</summary>
    private static Func<string, bool> IncludeExclude(ProjectYaml file, YamlMappingNode selection, YamlNode include, string path)
    {
        foreach (var (key, keyNode, _) in ProjectYaml.Entries(selection))
        {
            if (key is not ("include" or "exclude"))
            {
                throw file.Error(keyNode, $"{path}.{key}", "an include: entry has only include: and exclude:.");
            }
        }

        var excluded = file.Texts(selection, "exclude", $"{path}.exclude").ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (include is YamlScalarNode { Value: "*" or "all" })
        {
            return name => !excluded.Contains(name);
        }

        if (include is YamlSequenceNode)
        {
            var included = file.Texts(selection, "include", $"{path}.include").ToHashSet(StringComparer.OrdinalIgnoreCase);
            return name => included.Contains(name) && !excluded.Contains(name);
        }

        throw file.Error(include, $"{path}.include", "expected '*', 'all' or a list of the model's column names.");
    }

    /// <summary><c>tests:</c> and its newer name <c>data_tests:</c>: each entry kept as written, with its place.</summary>
    private static List<PropertyTest> TestsOf(ProjectYaml file, YamlMappingNode entry, string path) =>
    [
        .. file.Sequence(entry, "data_tests", $"{path}.data_tests").Concat(file.Sequence(entry, "tests", $"{path}.tests"))
            .Select(test => new PropertyTest(ProjectYaml.Value(test), $"{file.FileName}:{test.Start.Line}:{test.Start.Column}")),
    ];

    private static Dictionary<string, object?> Meta(ProjectYaml file, YamlMappingNode entry, string path) =>
        file.Mapping(entry, "meta", $"{path}.meta") is { } meta ? Configs(meta) : [];

    private static Dictionary<string, object?> Configs(YamlMappingNode mapping)
    {
        var configs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, _, value) in ProjectYaml.Entries(mapping))
        {
            configs[key.TrimStart('+')] = ProjectYaml.Value(value);
        }

        return configs;
    }

    /// <summary>The entries of a list of named mappings (<c>- name: x</c>), each with its name.</summary>
    private static IEnumerable<(YamlMappingNode Entry, string Name)> Named(ProjectYaml file, YamlMappingNode parent, string key, string? parentPath = null)
    {
        var path = parentPath is null ? key : $"{parentPath}.{key}";
        foreach (var item in file.Sequence(parent, key, path))
        {
            if (item is not YamlMappingNode entry)
            {
                throw file.Error(item, path, "expected a list of entries, each a mapping with a name: key.");
            }

            var name = file.Text(entry, "name", $"{path}.name") ?? throw file.Error(entry, path, "an entry has no name:.");
            yield return (entry, name);
        }
    }

    private static void CheckKeys(ProjectYaml file, YamlMappingNode mapping, string[] known, string path)
    {
        foreach (var (key, keyNode, _) in ProjectYaml.Entries(mapping))
        {
            if (!known.Contains(key))
            {
                var at = path.Length == 0 ? key : $"{path}.{key}";
                throw file.Error(keyNode, at, $"not a key dbt reads here.{DidYouMean.Hint(key, known)}");
            }
        }
    }
}
