namespace Greenhouse.Transform.Compiling;

/// <summary>
/// Inlines ephemeral models as CTEs the way dbt does (<c>__dbt__cte__name as (...)</c>): after the model's own
/// leading <c>with</c> (or <c>with recursive</c>) when it has one, else in a <c>with</c> put before its SQL.
/// </summary>
internal static class CteInjector
{
    public const string Prefix = "__dbt__cte__";

    public static string Inject(string sql, IReadOnlyList<(string Name, string Sql)> ctes)
    {
        if (ctes.Count == 0)
        {
            return sql;
        }

        var definitions = string.Join(", ", ctes.Select(c => $"{Prefix}{c.Name} as (\n{c.Sql}\n)"));
        var start = SkipSpaceAndComments(sql, 0);
        if (Word(sql, start, "with") is { } afterWith)
        {
            var next = SkipSpaceAndComments(sql, afterWith);
            var insertAt = Word(sql, next, "recursive") ?? afterWith;
            return $"{sql[..insertAt]} {definitions}, {sql[insertAt..].TrimStart()}";
        }

        return $"{sql[..start]}with {definitions}\n{sql[start..]}";
    }

    /// <summary>The position after <paramref name="word"/> when the text has it at <paramref name="at"/> as a whole word (any case).</summary>
    private static int? Word(string sql, int at, string word) =>
        at + word.Length <= sql.Length && string.Compare(sql, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (at + word.Length == sql.Length || !char.IsLetterOrDigit(sql[at + word.Length]) && sql[at + word.Length] != '_')
            ? at + word.Length
            : null;

    private static int SkipSpaceAndComments(string sql, int at)
    {
        while (at < sql.Length)
        {
            if (char.IsWhiteSpace(sql[at]))
            {
                at++;
            }
            else if (sql.AsSpan(at).StartsWith("--"))
            {
                var end = sql.IndexOf('\n', at);
                at = end < 0 ? sql.Length : end + 1;
            }
            else if (sql.AsSpan(at).StartsWith("/*"))
            {
                var end = sql.IndexOf("*/", at + 2, StringComparison.Ordinal);
                at = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return at;
    }
}
