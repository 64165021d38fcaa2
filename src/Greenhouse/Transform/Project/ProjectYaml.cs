using System.Globalization;
using Greenhouse.Transform.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Transform.Project;

/// <summary>
/// One YAML file of a dbt project (<c>dbt_project.yml</c>, a properties file): its mappings read as template values
/// (YAML 1.1 scalars as dbt's PyYAML reads them: <c>true</c>/<c>yes</c>, integers, floats, <c>null</c>/<c>~</c>), and
/// errors that name the file, line and column.
/// </summary>
internal sealed class ProjectYaml
{
    private ProjectYaml(string fileName, YamlMappingNode? root)
    {
        FileName = fileName;
        Root = root;
    }

    /// <summary>The file's path relative to the project root, as errors name it.</summary>
    public string FileName { get; }

    /// <summary>The top-level mapping; null for an empty file.</summary>
    public YamlMappingNode? Root { get; }

    public static ProjectYaml Load(string path, string fileName)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
                ? new ProjectYaml(fileName, null)
                : stream.Documents[0].RootNode is YamlMappingNode mapping
                    ? new ProjectYaml(fileName, mapping)
                    : throw new ProjectException($"{fileName}:{stream.Documents[0].RootNode.Start.Line}:{stream.Documents[0].RootNode.Start.Column}: expected a mapping of keys at the top of the file.");
        }
        catch (YamlException e)
        {
            throw new ProjectException($"{fileName}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    public ProjectException Error(YamlNode node, string key, string problem) =>
        new($"{FileName}:{node.Start.Line}:{node.Start.Column}: {key}: {problem}");

    public ProjectException Error(string key, string problem) => new($"{FileName}: {key}: {problem}");

    /// <summary>The entries of a mapping, keys as text, in file order.</summary>
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping) =>
        mapping.Children.Select(pair => (((pair.Key as YamlScalarNode)?.Value) ?? "", pair.Key, pair.Value));

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: var k } && k == key).Value;

    public YamlMappingNode? Mapping(YamlMappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        return node switch
        {
            null or YamlScalarNode { Value: null or "" } => null,
            YamlMappingNode mapping => mapping,
            _ => throw Error(node, path, "expected a mapping of keys."),
        };
    }

    public IReadOnlyList<YamlNode> Sequence(YamlMappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        return node switch
        {
            null or YamlScalarNode { Value: null or "" } => [],
            YamlSequenceNode sequence => [.. sequence.Children],
            _ => throw Error(node, path, "expected a list."),
        };
    }

    public string? Text(YamlMappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        return node switch
        {
            null or YamlScalarNode { Value: null } => null,
            YamlScalarNode { Style: not (ScalarStyle.Plain) } scalar => scalar.Value,
            YamlScalarNode scalar when Value(scalar) is null => null,
            YamlScalarNode scalar => scalar.Value,
            _ => throw Error(node, path, "expected a single value."),
        };
    }

    /// <summary>A list of texts, also written as one text (<c>tags: nightly</c>).</summary>
    public IReadOnlyList<string> Texts(YamlMappingNode parent, string key, string path)
    {
        var node = Child(parent, key);
        return node switch
        {
            null or YamlScalarNode { Value: null or "" } => [],
            YamlScalarNode scalar => [scalar.Value!],
            YamlSequenceNode sequence => [.. sequence.Children.Select(item => item is YamlScalarNode { Value: { } text } ? text : throw Error(item, path, "expected a list of names."))],
            _ => throw Error(node, path, "expected a name or a list of names."),
        };
    }

    /// <summary>A node as a template value: a mapping is a <see cref="TemplateDictionary"/>, a sequence a list, scalars typed as YAML 1.1 reads them.</summary>
    public static object? Value(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Dictionary(mapping),
        YamlSequenceNode sequence => sequence.Children.Select(Value).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    public static TemplateDictionary Dictionary(YamlMappingNode mapping)
    {
        var dictionary = new TemplateDictionary();
        foreach (var (key, keyNode, value) in Entries(mapping))
        {
            dictionary[keyNode is YamlScalarNode k ? Scalar(k) ?? key : key] = Value(value);
        }

        return dictionary;
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (text is null || scalar.Style != ScalarStyle.Plain)
        {
            return text;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return false;
        }

        if (long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && (char.IsDigit(text[0]) || text[0] is '-' or '+'))
        {
            return integer;
        }

        if ((char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Any(char.IsDigit)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return text;
    }
}
