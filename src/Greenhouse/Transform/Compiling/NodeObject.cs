using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// dbt's <c>model</c> (and the <c>node</c> that <c>generate_schema_name</c> is given): the node's name, ids, path and
/// config, and a versioned model's <c>version</c> and <c>latest_version</c> (none for any other node).
/// </summary>
internal sealed class NodeObject(ParsedNode node, Func<IReadOnlyDictionary<string, object?>> config) : ITemplateObject
{
    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "name" => node.Name,
            "unique_id" => node.UniqueId,
            "resource_type" => node.Kind switch { NodeKind.Seed => "seed", NodeKind.Test => "test", _ => "model" },
            "package_name" => node.Package,
            "original_file_path" => node.File.Path,
            "path" => string.Join('/', node.File.Folders.Append(Path.GetFileName(node.File.Path))),
            "fqn" => node.Fqn.Cast<object?>().ToList(),
            "tags" => config().TryGetValue("tags", out var tags) ? tags : new List<object?>(),
            "config" => Dictionary(config()),
            "schema" => node.Relation?.Schema,
            "alias" => node.Relation?.Name ?? node.Name,
            "description" => node.Properties?.Description ?? "",
            "raw_code" or "raw_sql" => node.RawCode,
            "columns" => Columns(),
            "meta" => config().TryGetValue("meta", out var meta) ? meta : new TemplateDictionary(),
            "version" => VersionValue(node.Version),
            "latest_version" => VersionValue(node.LatestVersion),
            _ => null,
        };
        return value is not null || name is "schema" or "version" or "latest_version";
    }

    /// <summary>A version as dbt gives it: a number when it is one (<c>v: 2</c>), else the text; none for an unversioned node.</summary>
    private static object? VersionValue(string? version) =>
        version is null ? null : Project.ModelVersion.ValueOf(version);

    private TemplateDictionary Columns()
    {
        var columns = new TemplateDictionary();
        foreach (var column in node.Properties?.Columns ?? [])
        {
            columns[column.Name] = new TemplateDictionary { ["name"] = column.Name, ["description"] = column.Description ?? "", ["data_type"] = column.DataType };
        }

        return columns;
    }

    private static TemplateDictionary Dictionary(IReadOnlyDictionary<string, object?> values)
    {
        var dictionary = new TemplateDictionary();
        foreach (var (key, value) in values)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    public override string ToString() => node.UniqueId;
}
