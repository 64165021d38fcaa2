using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// A small SQL tokenizer for the explorer's highlighting: keywords, strings, quoted names, numbers, comments and
/// Jinja (<c>{{ }}</c>) each in a span of their class, everything HTML-escaped. It colours; it does not parse.
/// </summary>
public static class SqlHighlight
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "group", "by", "order", "having", "limit", "offset", "join", "left", "right", "inner", "outer", "full",
        "cross", "on", "using", "as", "and", "or", "not", "in", "is", "null", "like", "ilike", "between", "case", "when", "then", "else",
        "end", "with", "recursive", "union", "all", "distinct", "intersect", "except", "asc", "desc", "nulls", "first", "last", "over",
        "partition", "window", "filter", "exists", "cast", "true", "false", "insert", "into", "values", "update", "set", "delete",
        "create", "drop", "alter", "table", "view", "index", "returning", "lateral", "interval", "date", "timestamp",
    };

    public static MarkupString Render(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var html = new StringBuilder();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            string? kind;
            if (c == '-' && At(sql, i + 1, '-'))
            {
                i = End(sql, i, "\n");
                kind = "comment";
            }
            else if (c == '/' && At(sql, i + 1, '*'))
            {
                i = End(sql, i + 2, "*/");
                kind = "comment";
            }
            else if (c == '{' && (At(sql, i + 1, '{') || At(sql, i + 1, '%')))
            {
                i = End(sql, i + 2, At(sql, i + 1, '{') ? "}}" : "%}");
                kind = "template";
            }
            else if (c is '\'' or '"')
            {
                i++;
                while (i < sql.Length && !(sql[i] == c && !At(sql, i + 1, c)))
                {
                    i += sql[i] == c ? 2 : 1;
                }

                i = Math.Min(i + 1, sql.Length);
                kind = c == '\'' ? "string" : "name";
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < sql.Length && (char.IsAsciiDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                kind = "number";
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                kind = Keywords.Contains(sql[start..i]) ? "keyword" : null;
            }
            else
            {
                i++;
                kind = null;
            }

            var text = WebUtility.HtmlEncode(sql[start..i]);
            html.Append(kind is null ? text : $"<span class=\"sql-{kind}\">{text}</span>");
        }

        return new MarkupString(html.ToString());
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    /// <summary>The index just past <paramref name="close"/> from <paramref name="from"/>, or the end of the text.</summary>
    private static int End(string text, int from, string close)
    {
        var found = text.IndexOf(close, from, StringComparison.Ordinal);
        return found < 0 ? text.Length : found + close.Length;
    }
}
