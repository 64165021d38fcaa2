namespace Greenhouse.Transform.Templates;

/// <summary>The evaluated arguments of one call: positional values and keyword values (null when none).</summary>
internal readonly struct CallArguments(object?[] positional, Dictionary<string, object?>? keywords)
{
    public static readonly Dictionary<string, object?> NoKeywords = new(StringComparer.Ordinal);

    public object?[] Positional { get; } = positional;

    public Dictionary<string, object?>? Keywords { get; } = keywords;

    public int Count => Positional.Length;

    public IReadOnlyDictionary<string, object?> KeywordsOrEmpty => Keywords ?? NoKeywords;

    /// <summary>Argument <paramref name="index"/> by position, else by <paramref name="name"/>, else <paramref name="fallback"/>.</summary>
    public object? Get(int index, string name, object? fallback = null)
    {
        if (index < Positional.Length)
        {
            return Positional[index];
        }

        return Keywords is not null && Keywords.TryGetValue(name, out var value) ? value : fallback;
    }

    public bool Has(int index, string name) =>
        index < Positional.Length || (Keywords is not null && Keywords.ContainsKey(name));

    public void NoKeywordsFor(string function)
    {
        if (Keywords is { Count: > 0 })
        {
            throw new TemplateException($"{function}() takes no keyword arguments");
        }
    }
}
