using System.Globalization;
using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>Python's string formatting: <c>'%s-%05d' % (a, b)</c> and <c>'{} {:.2f}'.format(a, b)</c>.</summary>
internal static class PyFormat
{
    // ---- printf style ------------------------------------------------------------------------------------------

    public static string Percent(string format, object? args)
    {
        var positional = args is PyTuple tuple ? tuple.Items : [args];
        var mapping = Mappings.IsMapping(args) ? args : null;
        var next = 0;
        var builder = new StringBuilder(format.Length + 16);
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            if (i >= format.Length)
            {
                throw new TemplateException("incomplete format");
            }

            object? value = null;
            var haveValue = false;
            if (format[i] == '(')
            {
                var close = format.IndexOf(')', i);
                if (close < 0)
                {
                    throw new TemplateException("incomplete format key");
                }

                var key = format[(i + 1)..close];
                i = close + 1;
                if (mapping is null)
                {
                    throw new TemplateException("format requires a mapping");
                }

                value = Mappings.TryGet(mapping, key, out var found) ? found : throw new TemplateException($"KeyError: '{key}'");
                haveValue = true;
            }

            var flags = "";
            while (i < format.Length && "-+ #0".Contains(format[i], StringComparison.Ordinal))
            {
                flags += format[i++];
            }

            int? ReadNumber()
            {
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    return (int)Py.ToLong(NextArg() ?? 0L);
                }

                var start = i;
                while (i < format.Length && char.IsAsciiDigit(format[i]))
                {
                    i++;
                }

                return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
            }

            object? NextArg()
            {
                if (mapping is not null && positional.Length == 1 && ReferenceEquals(positional[0], mapping))
                {
                    return mapping;
                }

                return next < positional.Length ? positional[next++] : throw new TemplateException("not enough arguments for format string");
            }

            var width = ReadNumber();
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber() ?? 0;
            }

            while (i < format.Length && format[i] is 'h' or 'l' or 'L')
            {
                i++;
            }

            if (i >= format.Length)
            {
                throw new TemplateException("incomplete format");
            }

            var conversion = format[i++];
            if (conversion == '%')
            {
                builder.Append('%');
                continue;
            }

            if (!haveValue)
            {
                value = NextArg();
            }

            builder.Append(PercentOne(conversion, value, flags, width, precision));
        }

        if (mapping is null && next < positional.Length)
        {
            throw new TemplateException("not all arguments converted during string formatting");
        }

        return builder.ToString();
    }

    private static string PercentOne(char conversion, object? value, string flags, int? width, int? precision)
    {
        var left = flags.Contains('-', StringComparison.Ordinal);
        var zero = flags.Contains('0', StringComparison.Ordinal) && !left;
        var sign = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : "";
        var alternate = flags.Contains('#', StringComparison.Ordinal);
        string body;
        var numeric = true;
        switch (conversion)
        {
            case 's':
                body = Py.Str(value);
                numeric = false;
                break;
            case 'r' or 'a':
                body = PyRepr.Repr(value);
                numeric = false;
                break;
            case 'd' or 'i' or 'u':
                body = Integer(RealArgument(conversion, value), 10, false);
                break;
            case 'x' or 'X' or 'o':
                var integer = RealArgument(conversion, value) is var n && n is double or decimal
                    ? throw new TemplateException($"%{conversion} format: an integer is required, not {Py.TypeName(n)}")
                    : n;
                body = Integer(integer, conversion == 'o' ? 8 : 16, conversion == 'X');
                if (alternate)
                {
                    body = body.StartsWith('-') ? "-0" + conversion + body[1..] : "0" + conversion + body;
                }

                break;
            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G':
                var number = Py.ToDouble(RealArgument(conversion, value));
                body = FloatFormat(number, conversion, precision ?? 6, alternate);
                precision = null;
                break;
            case 'c':
                body = value is string s && s.Length == 1 ? s : value is long code ? char.ConvertFromUtf32((int)code) : throw new TemplateException("%c requires an int or a unicode character");
                numeric = false;
                break;
            default:
                throw new TemplateException($"unsupported format character '{conversion}'");
        }

        if (!numeric && precision is { } p && p < body.Length)
        {
            body = body[..p];
        }

        if (numeric && !body.StartsWith('-') && sign.Length > 0)
        {
            body = sign + body;
        }

        if (width is { } w && body.Length < w)
        {
            if (left)
            {
                body = body.PadRight(w);
            }
            else if (zero && numeric)
            {
                var signLength = body.Length > 0 && body[0] is '-' or '+' or ' ' ? 1 : 0;
                body = body[..signLength] + new string('0', w - body.Length) + body[signLength..];
            }
            else
            {
                body = body.PadLeft(w);
            }
        }

        return body;
    }

    private static object RealArgument(char conversion, object? value) => value switch
    {
        bool b => b ? 1L : 0L,
        long or double or decimal => value,
        TemplateUndefined u => throw Py.Undefined(u),
        _ => throw new TemplateException($"%{conversion} format: a real number is required, not {Py.TypeName(value)}"),
    };

    private static string Integer(object value, int radix, bool upper)
    {
        var number = value switch
        {
            long l => l,
            double d => (long)Math.Truncate(d),
            decimal m => (long)decimal.Truncate(m),
            _ => 0L,
        };
        if (radix == 10)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = number < 0 ? (ulong)(-number) : (ulong)number;
        var digits = radix == 16 ? magnitude.ToString(upper ? "X" : "x", CultureInfo.InvariantCulture) : Convert.ToString((long)magnitude, 8);
        return number < 0 ? "-" + digits : digits;
    }

    // ---- float formatting shared by % and format() ---------------------------------------------------------------

    public static string FloatFormat(double value, char type, int precision, bool alternate)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            var text = double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
            return char.IsUpper(type) ? text.ToUpperInvariant() : text;
        }

        switch (type)
        {
            case 'f' or 'F':
                var fixedText = value.ToString("F" + precision, CultureInfo.InvariantCulture);
                return alternate && precision == 0 ? fixedText + "." : NegativeZero(value, fixedText);
            case 'e' or 'E':
                return Exponent(value, precision, type == 'E', alternate);
            default:
                return General(value, precision == 0 ? 1 : precision, type == 'G', alternate);
        }
    }

    private static string NegativeZero(double value, string text) =>
        double.IsNegative(value) && !text.StartsWith('-') ? "-" + text : text;

    private static string Exponent(double value, int precision, bool upper, bool alternate)
    {
        var text = value.ToString((upper ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        var e = text.IndexOf(upper ? 'E' : 'e', StringComparison.Ordinal);
        var mantissa = text[..e];
        if (alternate && precision == 0)
        {
            mantissa += ".";
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return NegativeZero(value, mantissa + (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
    }

    private static string General(double value, int precision, bool upper, bool alternate)
    {
        if (value == 0)
        {
            return NegativeZero(value, alternate ? "0." + new string('0', precision - 1) : "0");
        }

        var rounded = value.ToString("E" + (precision - 1), CultureInfo.InvariantCulture);
        var exponent = int.Parse(rounded.AsSpan(rounded.IndexOf('E', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string text;
        if (exponent >= -4 && exponent < precision)
        {
            text = value.ToString("F" + (precision - 1 - exponent), CultureInfo.InvariantCulture);
            if (!alternate && text.Contains('.', StringComparison.Ordinal))
            {
                text = text.TrimEnd('0').TrimEnd('.');
            }
        }
        else
        {
            text = Exponent(value, precision - 1, upper, alternate);
            if (!alternate)
            {
                var e = text.IndexOf(upper ? 'E' : 'e', StringComparison.Ordinal);
                var mantissa = text[..e];
                if (mantissa.Contains('.', StringComparison.Ordinal))
                {
                    mantissa = mantissa.TrimEnd('0').TrimEnd('.');
                }

                text = mantissa + text[e..];
            }
        }

        return NegativeZero(value, text);
    }

    // ---- str.format ------------------------------------------------------------------------------------------

    public static string Format(string format, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var builder = new StringBuilder(format.Length + 16);
        var auto = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    builder.Append('}');
                    i += 2;
                    continue;
                }

                throw new TemplateException("Single '}' encountered in format string");
            }

            if (c != '{')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                builder.Append('{');
                i += 2;
                continue;
            }

            var depth = 1;
            var end = i + 1;
            while (end < format.Length && depth > 0)
            {
                depth += format[end] == '{' ? 1 : format[end] == '}' ? -1 : 0;
                end++;
            }

            if (depth > 0)
            {
                throw new TemplateException("expected '}' before end of string");
            }

            var field = format[(i + 1)..(end - 1)];
            i = end;
            var colon = IndexOutsideBrackets(field, ':');
            var spec = colon >= 0 ? field[(colon + 1)..] : "";
            field = colon >= 0 ? field[..colon] : field;
            var bang = IndexOutsideBrackets(field, '!');
            var conversion = bang >= 0 ? field[(bang + 1)..] : "";
            field = bang >= 0 ? field[..bang] : field;
            if (spec.Contains('{', StringComparison.Ordinal))
            {
                spec = Format(spec, args, kwargs);
            }

            var value = ResolveField(field, args, kwargs, ref auto);
            value = conversion switch
            {
                "" => value,
                "s" => Py.Str(value),
                "r" or "a" => PyRepr.Repr(value),
                _ => throw new TemplateException($"Unknown conversion specifier {conversion}"),
            };
            builder.Append(FormatValue(value, spec));
        }

        return builder.ToString();
    }

    private static int IndexOutsideBrackets(string field, char target)
    {
        var inBracket = false;
        for (var i = 0; i < field.Length; i++)
        {
            inBracket = field[i] == '[' || (inBracket && field[i] != ']');
            if (!inBracket && field[i] == target)
            {
                return i;
            }
        }

        return -1;
    }

    private static object? ResolveField(string field, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, ref int auto)
    {
        var end = 0;
        while (end < field.Length && field[end] is not ('.' or '['))
        {
            end++;
        }

        var head = field[..end];
        object? value;
        if (head.Length == 0)
        {
            value = auto < args.Count ? args[auto++] : throw new TemplateException($"Replacement index {auto} out of range for positional args tuple");
        }
        else if (int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            value = index < args.Count ? args[index] : throw new TemplateException($"Replacement index {index} out of range for positional args tuple");
        }
        else
        {
            value = kwargs.TryGetValue(head, out var named) ? named : throw new TemplateException($"KeyError: '{head}'");
        }

        while (end < field.Length)
        {
            if (field[end] == '.')
            {
                var start = ++end;
                while (end < field.Length && field[end] is not ('.' or '['))
                {
                    end++;
                }

                value = Py.GetAttr(value, field[start..end]);
            }
            else
            {
                var close = field.IndexOf(']', end);
                if (close < 0)
                {
                    throw new TemplateException("Missing ']' in format string");
                }

                var key = field[(end + 1)..close];
                value = Py.GetItem(value, long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : key);
                end = close + 1;
            }
        }

        return Py.Normalize(value);
    }

    /// <summary>Python's <c>format(value, spec)</c> for strings, ints and floats.</summary>
    public static string FormatValue(object? value, string spec)
    {
        if (spec.Length == 0)
        {
            return Py.Str(value);
        }

        var i = 0;
        var fill = ' ';
        char? align = null;
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec[0] is '<' or '>' or '^' or '=')
        {
            align = spec[0];
            i = 1;
        }

        var sign = '-';
        if (i < spec.Length && spec[i] is '+' or '-' or ' ')
        {
            sign = spec[i++];
        }

        var alternate = false;
        if (i < spec.Length && spec[i] == '#')
        {
            alternate = true;
            i++;
        }

        if (i < spec.Length && spec[i] == '0')
        {
            if (align is null)
            {
                fill = '0';
                align = '=';
            }

            i++;
        }

        var widthStart = i;
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
        {
            i++;
        }

        var width = i > widthStart ? int.Parse(spec.AsSpan(widthStart, i - widthStart), CultureInfo.InvariantCulture) : 0;
        var grouping = '\0';
        if (i < spec.Length && spec[i] is ',' or '_')
        {
            grouping = spec[i++];
        }

        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            var start = ++i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            {
                i++;
            }

            precision = int.Parse(spec.AsSpan(start, i - start), CultureInfo.InvariantCulture);
        }

        var type = i < spec.Length ? spec[i++] : '\0';
        if (i < spec.Length)
        {
            throw new TemplateException("Invalid format specifier");
        }

        string body;
        var numeric = true;
        switch (value)
        {
            case string s:
                if (type is not ('\0' or 's'))
                {
                    throw new TemplateException($"Unknown format code '{type}' for object of type 'str'");
                }

                body = precision is { } p && p < s.Length ? s[..p] : s;
                numeric = false;
                break;
            case long or bool when type is '\0' or 'd' or 'n' or 'x' or 'X' or 'o' or 'b' or 'c':
                var number = Py.ToLong(value);
                body = type switch
                {
                    'x' or 'X' or 'o' or 'b' => (alternate ? "0" + type : "") + Convert.ToString(Math.Abs(number), type is 'o' ? 8 : type is 'b' ? 2 : 16),
                    'c' => char.ConvertFromUtf32((int)number),
                    _ => Math.Abs(number).ToString(CultureInfo.InvariantCulture),
                };
                if (type == 'X')
                {
                    body = body.ToUpperInvariant();
                }

                body = Group(body, grouping);
                body = (number < 0 ? "-" : sign == '-' ? "" : sign.ToString()) + body;
                break;
            case long or bool or double or decimal:
                var d = Py.ToDouble(value);
                var percent = type == '%';
                if (percent)
                {
                    d *= 100;
                }

                var magnitude = Math.Abs(d);
                body = type switch
                {
                    '\0' when precision is null => PyRepr.Float(magnitude),
                    '\0' => General(magnitude, precision.Value, alternate),
                    'f' or 'F' or 'e' or 'E' or 'g' or 'G' => FloatFormat(magnitude, type, precision ?? 6, alternate),
                    'n' => FloatFormat(magnitude, 'g', precision ?? 6, alternate),
                    '%' => FloatFormat(magnitude, 'f', precision ?? 6, alternate) + "%",
                    _ => throw new TemplateException($"Unknown format code '{type}' for object of type '{Py.TypeName(value)}'"),
                };
                if (grouping != '\0')
                {
                    var dot = body.IndexOfAny(['.', 'e', 'E', '%']);
                    body = Group(dot < 0 ? body : body[..dot], grouping) + (dot < 0 ? "" : body[dot..]);
                }

                body = (double.IsNegative(d) && !double.IsNaN(d) ? "-" : sign == '-' ? "" : sign.ToString()) + body;
                break;
            case null:
                throw new TemplateException("unsupported format string passed to NoneType.__format__");
            default:
                body = Py.Str(value);
                numeric = false;
                break;
        }

        if (body.Length >= width)
        {
            return body;
        }

        var pad = width - body.Length;
        switch (align ?? (numeric ? '>' : '<'))
        {
            case '<':
                return body + new string(fill, pad);
            case '^':
                return new string(fill, pad / 2) + body + new string(fill, pad - (pad / 2));
            case '=':
                var signLength = body.Length > 0 && body[0] is '-' or '+' or ' ' ? 1 : 0;
                return body[..signLength] + new string(fill, pad) + body[signLength..];
            default:
                return new string(fill, pad) + body;
        }
    }

    private static string General(double value, int precision, bool alternate)
    {
        var text = General(value, precision == 0 ? 1 : precision, false, alternate);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) || text.Contains('n', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Group(string digits, char separator)
    {
        if (separator == '\0' || digits.Length <= 3)
        {
            return digits;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                builder.Append(separator);
            }

            builder.Append(digits[i]);
        }

        return builder.ToString();
    }
}
