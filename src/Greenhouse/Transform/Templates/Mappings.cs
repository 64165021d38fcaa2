namespace Greenhouse.Transform.Templates;

/// <summary>One way to read and write the three dictionary shapes a template meets.</summary>
internal static class Mappings
{
    public static bool IsMapping(object? value) =>
        value is TemplateDictionary or IDictionary<string, object?> or IReadOnlyDictionary<string, object?>;

    public static int Count(object mapping) => mapping switch
    {
        TemplateDictionary d => d.Count,
        IDictionary<string, object?> d => d.Count,
        IReadOnlyDictionary<string, object?> d => d.Count,
        _ => 0,
    };

    public static bool TryGet(object mapping, object? key, out object? value)
    {
        switch (mapping)
        {
            case TemplateDictionary d:
                return d.TryGetValue(key, out value);
            case IDictionary<string, object?> d when key is string s:
                var found = d.TryGetValue(s, out value);
                value = Py.Normalize(value);
                return found;
            case IReadOnlyDictionary<string, object?> d when key is string s:
                var present = d.TryGetValue(s, out value);
                value = Py.Normalize(value);
                return present;
            default:
                value = null;
                return false;
        }
    }

    public static void Set(object mapping, object? key, object? value)
    {
        switch (mapping)
        {
            case TemplateDictionary d:
                d[key] = value;
                break;
            case IDictionary<string, object?> d when !d.IsReadOnly:
                d[key as string ?? throw new TemplateException($"this dictionary takes only string keys, not {PyRepr.Repr(key)}")] = value;
                break;
            default:
                throw new TemplateException("this dictionary is read-only");
        }
    }

    public static bool Remove(object mapping, object? key) => mapping switch
    {
        TemplateDictionary d => d.Remove(key),
        IDictionary<string, object?> d when !d.IsReadOnly => key is string s && d.Remove(s),
        _ => throw new TemplateException("this dictionary is read-only"),
    };

    public static void Clear(object mapping)
    {
        switch (mapping)
        {
            case TemplateDictionary d:
                d.Clear();
                break;
            case IDictionary<string, object?> d when !d.IsReadOnly:
                d.Clear();
                break;
            default:
                throw new TemplateException("this dictionary is read-only");
        }
    }

    public static IEnumerable<object?> Keys(object mapping) => mapping switch
    {
        TemplateDictionary d => d.Keys,
        IDictionary<string, object?> d => d.Keys,
        IReadOnlyDictionary<string, object?> d => d.Keys,
        _ => [],
    };

    public static IEnumerable<KeyValuePair<object?, object?>> Pairs(object mapping) => mapping switch
    {
        TemplateDictionary d => d,
        IDictionary<string, object?> d => d.Select(p => new KeyValuePair<object?, object?>(p.Key, Py.Normalize(p.Value))),
        IReadOnlyDictionary<string, object?> d => d.Select(p => new KeyValuePair<object?, object?>(p.Key, Py.Normalize(p.Value))),
        _ => [],
    };

    public static TemplateDictionary Copy(object mapping)
    {
        var copy = new TemplateDictionary();
        foreach (var pair in Pairs(mapping))
        {
            copy[pair.Key] = pair.Value;
        }

        return copy;
    }
}
