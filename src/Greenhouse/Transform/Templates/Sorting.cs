namespace Greenhouse.Transform.Templates;

/// <summary>Python's stable <c>sorted</c>, with Jinja's case-insensitive default for strings.</summary>
internal static class Sorting
{
    public static List<object?> Sort(IEnumerable<object?> items, bool reverse, bool caseSensitive, Func<object?, object?>? key)
    {
        var keyed = items.Select(item => (Item: item, Key: SortKey(key is null ? item : key(item), caseSensitive))).ToList();
        var comparer = Comparer<object?>.Create((a, b) => Py.Compare(a, b, "<"));
        var ordered = reverse ? keyed.OrderByDescending(pair => pair.Key, comparer) : keyed.OrderBy(pair => pair.Key, comparer);
        return [.. ordered.Select(pair => pair.Item)];
    }

    /// <summary>Jinja's <c>ignore_case</c>: strings compare lower-cased unless case-sensitive.</summary>
    public static object? SortKey(object? value, bool caseSensitive) =>
        !caseSensitive && value is string s ? s.ToLowerInvariant() : value;
}
