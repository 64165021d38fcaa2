using Greenhouse.Warehouse;

namespace Greenhouse.Customers;

/// <summary>
/// The pieces of a lookup's SQL that hold a searched value. The read-only path takes SQL text only, so every value is a
/// literal the dialect escapes (<see cref="WarehouseDialect.TextLiteral"/>), and every <c>LIKE</c> pattern escapes
/// its wildcards; nothing a user typed reaches the SQL any other way.
/// </summary>
internal sealed class CustomerSql(WarehouseDialect dialect)
{
    private const char Escape = '!';

    public string Quote(string name) => dialect.Quote(name);

    public string Text(string value) => dialect.TextLiteral(value);

    /// <summary><c>lower(column) = 'value'</c>, which the index on <c>lower(column)</c> answers (<see cref="Sources.ColumnSpec.CaseInsensitive"/>).</summary>
    public string LowerEquals(string column, string value) => $"lower({Quote(column)}) = {Text(value.ToLowerInvariant())}";

    /// <summary><c>lower(column)</c> is one of <paramref name="values"/> (lower-cased); null when there are none.</summary>
    public string? LowerIn(string column, IEnumerable<string> values) => InExpression($"lower({Quote(column)})", values.Select(v => v.ToLowerInvariant()));

    /// <summary><c>column IN ('a', 'b')</c>; null when there are no values (the condition can match nothing).</summary>
    public string? In(string column, IEnumerable<string> values) => InExpression(Quote(column), values);

    /// <summary><c>lower(column) LIKE 'prefix%'</c>: on PostgreSQL the <c>text_pattern_ops</c> index on <c>lower(column)</c> answers it.</summary>
    public string LowerStartsWith(string column, string prefix) => $"lower({Quote(column)}) LIKE {Text(EscapeLike(prefix.ToLowerInvariant()) + "%")} ESCAPE '{Escape}'";

    /// <summary><c>lower(column) LIKE '%part%'</c>: a scan (no index answers a substring).</summary>
    public string LowerContains(string column, string part) => $"lower({Quote(column)}) LIKE {Text("%" + EscapeLike(part.ToLowerInvariant()) + "%")} ESCAPE '{Escape}'";

    /// <summary><c>column LIKE '%part%'</c>, case as given.</summary>
    public string Contains(string column, string part) => $"{Quote(column)} LIKE {Text("%" + EscapeLike(part) + "%")} ESCAPE '{Escape}'";

    /// <summary>Conditions joined by OR; null when there are none.</summary>
    public static string? Any(IEnumerable<string?> conditions)
    {
        var list = conditions.OfType<string>().ToList();
        return list.Count == 0 ? null : "(" + string.Join(" OR ", list) + ")";
    }

    private string? InExpression(string expression, IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).Select(Text).ToList();
        return list.Count == 0 ? null : $"{expression} IN ({string.Join(", ", list)})";
    }

    private static string EscapeLike(string text) => text
        .Replace(Escape.ToString(), $"{Escape}{Escape}", StringComparison.Ordinal)
        .Replace("%", $"{Escape}%", StringComparison.Ordinal)
        .Replace("_", $"{Escape}_", StringComparison.Ordinal);
}
