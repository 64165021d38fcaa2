using System.Globalization;
using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>
/// Jinja's <c>tojson</c>: Python's <c>json.dumps(value, sort_keys=True, indent=...)</c> with <c>&lt; &gt; &amp; '</c>
/// escaped as <c>\u003c</c> and so on (htmlsafe_json_dumps).
/// </summary>
internal static class Json
{
    public static string Dumps(object? value, object? indent)
    {
        var indentText = indent switch
        {
            null => null,
            string s => s,
            long n => new string(' ', (int)Math.Max(0, n)),
            _ => throw new TemplateException("tojson's indent must be a number or a string"),
        };
        var builder = new StringBuilder();
        Write(builder, value, indentText, 0);
        return builder.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026").Replace("'", "\\u0027").ToString();
    }

    private static void Write(StringBuilder builder, object? value, string? indent, int level)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case bool b:
                builder.Append(b ? "true" : "false");
                return;
            case long l:
                builder.Append(l.ToString(CultureInfo.InvariantCulture));
                return;
            case double d:
                builder.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyRepr.Float(d));
                return;
            case string s:
                WriteString(builder, s);
                return;
        }

        if (Mappings.IsMapping(value))
        {
            var pairs = Mappings.Pairs(value!).Select(p => (Key: KeyText(p.Key), p.Value)).ToList();
            var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            WriteContainer(builder, '{', '}', sorted.Count, indent, level, i =>
            {
                WriteString(builder, sorted[i].Key);
                builder.Append(": ");
                Write(builder, Py.Normalize(sorted[i].Value), indent, level + 1);
            });
            return;
        }

        if (Py.IsList(value) || value is PyTuple)
        {
            var items = Py.AsSequence(value)!;
            WriteContainer(builder, '[', ']', items.Count, indent, level, i => Write(builder, Py.Normalize(items[i]), indent, level + 1));
            return;
        }

        throw new TemplateException($"Object of type {Py.TypeName(value)} is not JSON serializable");
    }

    private static string KeyText(object? key) => key switch
    {
        string s => s,
        null => "null",
        bool b => b ? "true" : "false",
        long or double => Py.Str(key),
        _ => throw new TemplateException($"keys must be str, int, float, bool or None, not {Py.TypeName(key)}"),
    };

    private static void WriteContainer(StringBuilder builder, char open, char close, int count, string? indent, int level, Action<int> writeItem)
    {
        builder.Append(open);
        if (count == 0)
        {
            builder.Append(close);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (indent is not null)
            {
                builder.Append(i > 0 ? "," : "").Append('\n').Insert(builder.Length, indent, level + 1);
            }
            else if (i > 0)
            {
                builder.Append(", ");
            }

            writeItem(i);
        }

        if (indent is not null)
        {
            builder.Append('\n').Insert(builder.Length, indent, level);
        }

        builder.Append(close);
    }

    private static void WriteString(StringBuilder builder, string s)
    {
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
