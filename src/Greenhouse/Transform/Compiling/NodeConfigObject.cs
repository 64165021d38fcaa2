using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// dbt's <c>config</c> in a node's render: called (<c>{{ config(materialized='table') }}</c>) while the project is
/// parsed it records the file's own configs; read (<c>config.get('unique_key')</c>, <c>config.require(...)</c>) it
/// answers from the node's config as far as it is known. Calls at compile time render nothing and change nothing.
/// </summary>
internal sealed class NodeConfigObject(IReadOnlyDictionary<string, object?> resolved, Dictionary<string, object?>? captured) : ITemplateCallable, ITemplateObject
{
    public object? Call(TemplateArguments arguments)
    {
        if (captured is null)
        {
            return "";
        }

        var given = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var positional in arguments.Positional)
        {
            if (positional is not TemplateDictionary dictionary)
            {
                throw new TemplateException("config() takes keyword arguments (config(materialized='table')) or one dictionary");
            }

            foreach (var pair in dictionary)
            {
                given[TemplateValues.ToText(pair.Key)] = pair.Value;
            }
        }

        foreach (var (key, value) in arguments.Keyword)
        {
            given[key] = value;
        }

        NodeConfig.Merge(captured, given);
        return "";
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "get" => new TemplateFunction(a => Get(TemplateValues.ToText(a.Get(0, "name")), a.Get(1, "default"))),
            "require" => new TemplateFunction(a => Require(TemplateValues.ToText(a.Get(0, "name")))),
            "set" => new TemplateFunction(_ => ""),
            "persist_relation_docs" or "persist_column_docs" => new TemplateFunction(_ => false),
            _ => null,
        };
        return value is not null;
    }

    private object? Get(string name, object? fallback)
    {
        if (captured is not null && captured.TryGetValue(name, out var own))
        {
            return own;
        }

        return resolved.TryGetValue(name, out var value) && value is not null ? value : fallback;
    }

    private object? Require(string name) =>
        Get(name, null) ?? (captured is null ? throw new TemplateException($"the config '{name}' is required here but not set; set it with config({name}=...) or in dbt_project.yml") : "");

    public override string ToString() => "<config>";
}
