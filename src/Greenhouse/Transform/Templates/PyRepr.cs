using System.Globalization;
using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>Python's <c>repr()</c>: how a list, dict, tuple or string inside one renders (<c>[1, 'a']</c>).</summary>
internal static class PyRepr
{
    public static string Repr(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value, null);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, HashSet<object>? open)
    {
        switch (value)
        {
            case string s:
                AppendString(builder, s);
                return;
            case null or bool or long or double:
                builder.Append(Py.Str(value));
                return;
            case decimal m:
                builder.Append("Decimal('").Append(m.ToString(CultureInfo.InvariantCulture)).Append("')");
                return;
            case TemplateUndefined:
                builder.Append("Undefined");
                return;
            case TemplateMacro macro:
                builder.Append("<Macro '").Append(macro.Name).Append("'>");
                return;
            case PyRange or PyIterator or BoundMethod or LoopContext:
                builder.Append(value.ToString());
                return;
            case ITemplateObject o:
                builder.Append(o.ToString());
                return;
            case TemplateFunction:
                builder.Append("<function>");
                return;
        }

        open ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (!open.Add(value))
        {
            builder.Append(Py.IsList(value) ? "[...]" : value is PyTuple ? "(...)" : "{...}");
            return;
        }

        switch (value)
        {
            case PyTuple tuple:
                builder.Append('(');
                AppendItems(builder, tuple.Items, open);
                builder.Append(tuple.Count == 1 ? ",)" : ")");
                break;
            case DictView view:
                builder.Append(Py.TypeName(view)).Append("([");
                AppendItems(builder, view.Iterate(), open);
                builder.Append("])");
                break;
            case PyNamespace ns:
                builder.Append("<Namespace {");
                var first = true;
                foreach (var pair in ns.Attributes)
                {
                    builder.Append(first ? "" : ", ");
                    first = false;
                    AppendString(builder, pair.Key);
                    builder.Append(": ");
                    Append(builder, pair.Value, open);
                }

                builder.Append("}>");
                break;
            default:
                if (Py.IsList(value))
                {
                    builder.Append('[');
                    AppendItems(builder, Py.AsSequence(value)!, open);
                    builder.Append(']');
                }
                else if (Mappings.IsMapping(value))
                {
                    builder.Append('{');
                    var firstPair = true;
                    foreach (var pair in Mappings.Pairs(value))
                    {
                        builder.Append(firstPair ? "" : ", ");
                        firstPair = false;
                        Append(builder, pair.Key, open);
                        builder.Append(": ");
                        Append(builder, pair.Value, open);
                    }

                    builder.Append('}');
                }
                else
                {
                    builder.Append(value.ToString());
                }

                break;
        }

        open.Remove(value);
    }

    private static void AppendItems(StringBuilder builder, IEnumerable<object?> items, HashSet<object> open)
    {
        var first = true;
        foreach (var item in items)
        {
            builder.Append(first ? "" : ", ");
            first = false;
            Append(builder, Py.Normalize(item), open);
        }
    }

    /// <summary>Python's string repr: single quotes unless the text has one and no double quote.</summary>
    public static void AppendString(StringBuilder builder, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    continue;
                case '\n':
                    builder.Append("\\n");
                    continue;
                case '\r':
                    builder.Append("\\r");
                    continue;
                case '\t':
                    builder.Append("\\t");
                    continue;
            }

            if (c == quote)
            {
                builder.Append('\\').Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, s[i + 1]);
                if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(codePoint), codePoint))
                {
                    builder.Append(c).Append(s[i + 1]);
                }
                else
                {
                    builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                }

                i++;
            }
            else if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(c), c))
            {
                builder.Append(c);
            }
            else if (c < 0x100)
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        builder.Append(quote);
    }

    private static bool IsPrintable(UnicodeCategory category, int codePoint) => codePoint == ' ' || category switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };

    /// <summary>Python's float repr: the shortest digits that round-trip, <c>1.0</c>, <c>0.1</c>, <c>1e+20</c>, <c>1e-05</c>.</summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var (negative, digits, exponent) = ShortestDigits(d);
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (exponent < -4 || exponent >= 16)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exponent >= 0)
        {
            var whole = exponent + 1;
            if (digits.Length <= whole)
            {
                builder.Append(digits).Append('0', whole - digits.Length).Append(".0");
            }
            else
            {
                builder.Append(digits, 0, whole).Append('.').Append(digits, whole, digits.Length - whole);
            }
        }
        else
        {
            builder.Append("0.").Append('0', -exponent - 1).Append(digits);
        }

        return builder.ToString();
    }

    /// <summary>The shortest round-trip significant digits and the decimal exponent of the first one.</summary>
    internal static (bool Negative, string Digits, int Exponent) ShortestDigits(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var wholeLength = dot < 0 ? text.Length : dot;
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (negative, digits, wholeLength - 1 + exponent - leadingZeros);
    }
}
