namespace Greenhouse.Transform.Templates;

/// <summary>Python's dict key equality and hashing: <c>1</c>, <c>1.0</c> and <c>true</c> are one key.</summary>
internal sealed class PyKeyComparer : IEqualityComparer<object>
{
    public static readonly PyKeyComparer Instance = new();

    public static void RequireHashable(object? key)
    {
        if (key is not PyTuple && (Py.IsList(key) || Mappings.IsMapping(key)))
        {
            throw new TemplateException($"unhashable type: '{Py.TypeName(key)}'");
        }
    }

    public new bool Equals(object? x, object? y) => Py.Eq(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        bool b => (b ? 1L : 0L).GetHashCode(),
        long l => l.GetHashCode(),
        double d when Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue => ((long)d).GetHashCode(),
        decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue => ((long)m).GetHashCode(),
        decimal m => ((double)m).GetHashCode(),
        string s => StringComparer.Ordinal.GetHashCode(s),
        PyTuple t => t.Items.Aggregate(17, (hash, item) => (hash * 31) + (item is null ? 0 : GetHashCode(item))),
        _ => obj.GetHashCode(),
    };
}
