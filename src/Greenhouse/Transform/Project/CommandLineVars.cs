using Greenhouse.Transform.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Transform.Project;

/// <summary><c>--vars '{key: value}'</c>: a YAML (or JSON) mapping, as dbt reads it.</summary>
public static class CommandLineVars
{
    public static TemplateDictionary Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new TemplateDictionary();
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping
                ? ProjectYaml.Dictionary(mapping)
                : throw new ProjectException($"--vars {text}: expected a mapping, e.g. --vars '{{start_date: 2024-01-01}}'.");
        }
        catch (YamlException e)
        {
            throw new ProjectException($"--vars {text}: not valid YAML ({e.InnerException?.Message ?? e.Message}); write a mapping, e.g. --vars '{{start_date: 2024-01-01}}'.", e);
        }
    }
}
