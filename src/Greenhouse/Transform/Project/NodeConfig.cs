using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Project;

/// <summary>
/// dbt's config merging: later sources override earlier ones key by key, except <c>tags</c> (the union, in order),
/// <c>meta</c> (merged key by key) and <c>pre-hook</c>/<c>post-hook</c> (appended). The order is dbt_project.yml from
/// the least to the most specific folder, then the properties file's <c>config:</c>, then the file's <c>config()</c>.
/// </summary>
public static class NodeConfig
{
    private static readonly HashSet<string> Appended = new(StringComparer.Ordinal) { "tags", "pre-hook", "post-hook", "pre_hook", "post_hook" };

    public static void Merge(Dictionary<string, object?> into, IReadOnlyDictionary<string, object?> from)
    {
        foreach (var (rawKey, value) in from)
        {
            var key = rawKey.StartsWith('+') ? rawKey[1..] : rawKey;
            if (Appended.Contains(key))
            {
                var list = into.TryGetValue(key, out var existing) ? ToList(existing) : [];
                foreach (var item in ToList(value))
                {
                    if (key != "tags" || !list.Contains(item))
                    {
                        list.Add(item);
                    }
                }

                into[key] = list;
            }
            else if (key == "meta" && value is TemplateDictionary meta && into.TryGetValue(key, out var old) && old is TemplateDictionary oldMeta)
            {
                var merged = new TemplateDictionary();
                foreach (var pair in oldMeta)
                {
                    merged[pair.Key] = pair.Value;
                }

                foreach (var pair in meta)
                {
                    merged[pair.Key] = pair.Value;
                }

                into[key] = merged;
            }
            else
            {
                into[key] = value;
            }
        }
    }

    /// <summary>A config value as a list: none is empty, a single value is a list of one.</summary>
    public static List<object?> ToList(object? value) => value switch
    {
        null => [],
        string text => [text],
        IEnumerable<object?> items => [.. items],
        _ => [value],
    };

    /// <summary>A config value as a list of texts (<c>tags</c>, <c>unique_key</c>).</summary>
    public static IReadOnlyList<string> Texts(object? value) => [.. ToList(value).Select(TemplateValues.ToText)];
}
