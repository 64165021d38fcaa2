using System.Globalization;
using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>Jinja's built-in filters (jinja2/filters.py) that dbt projects use, plus dbt's <c>as_text</c> family.</summary>
internal static class Filters
{
    public delegate object? Function(RenderState s, object? value, CallArguments args);

    private static readonly Dictionary<string, Function> All = new(StringComparer.Ordinal)
    {
        ["abs"] = (_, v, _) => Abs(v),
        ["attr"] = (_, v, a) => Attr(v, a.Get(0, "name")),
        ["batch"] = (_, v, a) => Batch(v, a),
        ["capitalize"] = (_, v, _) => Py.Str(v) is var s && s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : "",
        ["center"] = (_, v, a) => PyStrings.Center(Py.Str(v), (int)Py.ToLong(a.Get(0, "width", 80L)!), ' '),
        ["count"] = (_, v, _) => (long)Py.Len(v),
        ["d"] = Default,
        ["default"] = Default,
        ["dictsort"] = (_, v, a) => DictSort(v, a),
        ["e"] = (_, v, _) => Escape(v),
        ["escape"] = (_, v, _) => Escape(v),
        ["first"] = (_, v, _) => First(v),
        ["float"] = (_, v, a) => ToFloat(v, a.Get(0, "default", 0.0)),
        ["format"] = (_, v, a) => FormatPercent(v, a),
        ["indent"] = (_, v, a) => Indent(v, a),
        ["int"] = (_, v, a) => ToInt(v, a.Get(0, "default", 0L), a.Get(1, "base", 10L)),
        ["items"] = (_, v, _) => Items(v),
        ["join"] = (_, v, a) => Join(v, a),
        ["last"] = (_, v, _) => Last(v),
        ["length"] = (_, v, _) => (long)Py.Len(v),
        ["list"] = (_, v, _) => Py.Iterate(v).ToList(),
        ["lower"] = (_, v, _) => Py.Str(v).ToLowerInvariant(),
        ["map"] = Map,
        ["max"] = (_, v, a) => MinOrMax(v, a, max: true),
        ["min"] = (_, v, a) => MinOrMax(v, a, max: false),
        ["reject"] = (s, v, a) => SelectOrReject(s, v, a, reject: true, attribute: false),
        ["rejectattr"] = (s, v, a) => SelectOrReject(s, v, a, reject: true, attribute: true),
        ["replace"] = (_, v, a) => PyStrings.Replace(Py.Str(v), Py.Str(a.Get(0, "old")), Py.Str(a.Get(1, "new")), a.Get(2, "count") is { } c ? Py.ToLong(c) : -1),
        ["reverse"] = (_, v, _) => Reverse(v),
        ["round"] = (_, v, a) => Round(v, a),
        ["safe"] = (_, v, _) => Py.Str(v),
        ["select"] = (s, v, a) => SelectOrReject(s, v, a, reject: false, attribute: false),
        ["selectattr"] = (s, v, a) => SelectOrReject(s, v, a, reject: false, attribute: true),
        ["sort"] = (_, v, a) => Sort(v, a),
        ["string"] = (_, v, _) => Py.Str(v),
        ["sum"] = (_, v, a) => Sum(v, a),
        ["title"] = (_, v, _) => Title(Py.Str(v)),
        ["tojson"] = (_, v, a) => Json.Dumps(v, a.Get(0, "indent")),
        ["trim"] = (_, v, a) => PyStrings.Strip(Py.Str(v), a.Get(0, "chars") as string, true, true),
        ["unique"] = (_, v, a) => Unique(v, a),
        ["upper"] = (_, v, _) => Py.Str(v).ToUpperInvariant(),
        ["wordcount"] = (_, v, _) => (long)WordCount(Py.Str(v)),

        // dbt's text environment registers these as no-ops (dbt_common/clients/jinja.py TEXT_FILTERS).
        ["as_bool"] = (_, v, _) => v,
        ["as_native"] = (_, v, _) => v,
        ["as_number"] = (_, v, _) => v,
        ["as_text"] = (_, v, _) => v,
    };

    public static Function? Find(string name) => All.GetValueOrDefault(name);

    private static object? Call(RenderState s, string name, object? value, CallArguments args) =>
        Find(name) is { } filter ? filter(s, value, args) : throw new TemplateException($"No filter named '{name}'.");

    private static object? Default(RenderState s, object? value, CallArguments args)
    {
        var fallback = args.Get(0, "default_value", "");
        return value is TemplateUndefined || (Py.Truthy(args.Get(1, "boolean", false)) && !Py.Truthy(value)) ? fallback : value;
    }

    private static object? Abs(object? value) => value switch
    {
        bool b => b ? 1L : 0L,
        long l => checked(Math.Abs(l)),
        double d => Math.Abs(d),
        decimal m => Math.Abs(m),
        TemplateUndefined u => throw Py.Undefined(u),
        _ => throw new TemplateException($"bad operand type for abs(): '{Py.TypeName(value)}'"),
    };

    private static object? Attr(object? value, object? name)
    {
        var attribute = name as string ?? throw new TemplateException("attribute name must be a string");
        return Mappings.IsMapping(value) && !Methods.Has(value, attribute) ? Py.Missing(value, attribute) : Py.GetAttr(value, attribute);
    }

    private static PyIterator Batch(object? value, CallArguments args)
    {
        var size = (int)Py.ToLong(args.Get(0, "linecount") ?? throw new TemplateException("batch() needs the number of items per batch"));
        var fill = args.Get(1, "fill_with");
        IEnumerable<object?> Batches()
        {
            var current = new List<object?>();
            foreach (var item in Py.Iterate(value))
            {
                if (current.Count == size)
                {
                    yield return current;
                    current = [];
                }

                current.Add(item);
            }

            if (current.Count > 0)
            {
                if (fill is not null)
                {
                    while (current.Count < size)
                    {
                        current.Add(fill);
                    }
                }

                yield return current;
            }
        }

        return new PyIterator(Batches(), "generator");
    }

    private static List<object?> DictSort(object? value, CallArguments args)
    {
        if (!Mappings.IsMapping(value))
        {
            throw new TemplateException("dictsort needs a dictionary");
        }

        var by = args.Get(1, "by", "key") as string;
        var position = by switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw new TemplateException("You can only sort by either \"key\" or \"value\""),
        };
        var caseSensitive = Py.Truthy(args.Get(0, "case_sensitive", false));
        var pairs = Mappings.Pairs(value!).Select(p => (object?)new PyTuple([p.Key, p.Value]));
        return Sorting.Sort(pairs, Py.Truthy(args.Get(2, "reverse", false)), caseSensitive, item => ((PyTuple)item!).Items[position]);
    }

    private static string Escape(object? value)
    {
        var text = Py.Str(value);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '\'' => "&#39;",
                _ => Py.Char(c),
            });
        }

        return builder.ToString();
    }

    private static object? First(object? value)
    {
        foreach (var item in Py.Iterate(value))
        {
            return item;
        }

        return new TemplateUndefined("first", "No first item, sequence was empty.");
    }

    private static object? Last(object? value)
    {
        if (value is PyIterator iterator)
        {
            throw new TemplateException($"'{iterator.TypeName}' object is not reversible");
        }

        var items = Py.ToList(value);
        return items.Count > 0 ? Py.Normalize(items[^1]) : new TemplateUndefined("last", "No last item, sequence was empty.");
    }

    private static object? ToFloat(object? value, object? fallback)
    {
        switch (value)
        {
            case bool or long or double or decimal:
                return Py.ToDouble(value);
            case string s:
                var text = s.Trim().Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
                switch (text)
                {
                    case "inf" or "+inf" or "infinity" or "+infinity":
                        return double.PositiveInfinity;
                    case "-inf" or "-infinity":
                        return double.NegativeInfinity;
                    case "nan" or "+nan" or "-nan":
                        return double.NaN;
                }

                return text.Length > 0 && !text.Contains(',', StringComparison.Ordinal)
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
            default:
                return fallback;
        }
    }

    private static object? ToInt(object? value, object? fallback, object? radix)
    {
        switch (value)
        {
            case bool or long:
                return Py.ToLong(value);
            case double d:
                return double.IsFinite(d) && Math.Abs(d) < 9.2e18 ? (long)Math.Truncate(d) : fallback;
            case decimal m:
                return (long)decimal.Truncate(m);
            case string s:
                var text = s.Trim().Replace("_", "", StringComparison.Ordinal);
                var numberBase = radix is long b ? (int)b : 10;
                if (TryParseInt(text, numberBase, out var parsed))
                {
                    return parsed;
                }

                return ToFloat(s, null) is double f && double.IsFinite(f) ? (long)Math.Truncate(f) : fallback;
            default:
                return fallback;
        }
    }

    private static bool TryParseInt(string text, int numberBase, out long value)
    {
        value = 0;
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        if (text.Length - digits.Length > 1)
        {
            return false;
        }

        if (numberBase is 16 or 8 or 2 && digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) == (numberBase == 16 ? 'x' : numberBase == 8 ? 'o' : 'b'))
        {
            digits = digits[2..];
        }

        if (digits.Length == 0)
        {
            return false;
        }

        try
        {
            value = numberBase == 10
                ? long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
                : Convert.ToInt64(digits, numberBase);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    private static string FormatPercent(object? value, CallArguments args)
    {
        if (args.Count > 0 && args.Keywords is { Count: > 0 })
        {
            throw new TemplateException("can't handle positional and keyword arguments at the same time");
        }

        object? values = args.Keywords is { Count: > 0 } keywords
            ? Mappings.Copy(keywords)
            : new PyTuple(args.Positional);
        return PyFormat.Percent(Py.Str(value), values);
    }

    private static string Indent(object? value, CallArguments args)
    {
        if (value is TemplateUndefined u)
        {
            throw Py.Undefined(u);
        }

        var text = value as string ?? throw new TemplateException($"unsupported operand type(s) for +=: '{Py.TypeName(value)}' and 'str'");
        var width = args.Get(0, "width", 4L);
        var indention = width as string ?? new string(' ', (int)Py.ToLong(width!));
        var first = Py.Truthy(args.Get(1, "first", false));
        var blank = Py.Truthy(args.Get(2, "blank", false));
        var lines = PyStrings.SplitLines(text + "\n");
        string result;
        if (blank)
        {
            result = string.Join("\n" + indention, lines);
        }
        else
        {
            var builder = new StringBuilder(lines[0]);
            for (var i = 1; i < lines.Count; i++)
            {
                builder.Append('\n');
                if (lines[i].Length > 0)
                {
                    builder.Append(indention);
                }

                builder.Append(lines[i]);
            }

            result = builder.ToString();
        }

        return first ? indention + result : result;
    }

    private static PyIterator Items(object? value)
    {
        if (value is TemplateUndefined)
        {
            return new PyIterator([], "generator");
        }

        return Mappings.IsMapping(value)
            ? new PyIterator(new DictView(value!, DictViewKind.Items).Iterate(), "generator")
            : throw new TemplateException("Can only get item pairs from a mapping.");
    }

    private static string Join(object? value, CallArguments args)
    {
        var separator = Py.Str(args.Get(0, "d", ""));
        var items = Py.Iterate(value);
        if (args.Get(1, "attribute") is { } attribute)
        {
            var getter = AttributeGetter(attribute, null);
            items = items.Select(getter);
        }

        var builder = new StringBuilder();
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(separator);
            }

            first = false;
            builder.Append(Py.Str(item));
        }

        return builder.ToString();
    }

    /// <summary>Jinja's <c>make_attrgetter</c>: <c>"a.b.0"</c> looks up <c>a</c>, then <c>b</c>, then item 0.</summary>
    private static Func<object?, object?> AttributeGetter(object? attribute, object? fallback)
    {
        object?[] parts = attribute is string path
            ? [.. path.Split('.').Select(part => part.Length > 0 && part.All(char.IsAsciiDigit) ? (object?)long.Parse(part, CultureInfo.InvariantCulture) : part)]
            : [attribute];
        return item =>
        {
            foreach (var part in parts)
            {
                item = Py.GetItem(item, part);
                if (fallback is not null && item is TemplateUndefined)
                {
                    item = fallback;
                }
            }

            return item;
        };
    }

    private static PyIterator Map(RenderState s, object? value, CallArguments args)
    {
        Func<object?, object?> function;
        if (args.Count == 0 && args.Keywords is not null && args.Keywords.TryGetValue("attribute", out var attribute))
        {
            var unexpected = args.Keywords.Keys.FirstOrDefault(k => k is not ("attribute" or "default"));
            if (unexpected is not null)
            {
                throw new TemplateException($"Unexpected keyword argument '{unexpected}'");
            }

            function = AttributeGetter(attribute, args.Keywords.GetValueOrDefault("default"));
        }
        else
        {
            if (args.Count == 0)
            {
                throw new TemplateException("map requires a filter argument");
            }

            var name = args.Positional[0] as string ?? throw new TemplateException("map's filter name must be a string");
            var rest = new CallArguments(args.Positional[1..], args.Keywords);
            var filter = Find(name) ?? throw new TemplateException($"No filter named '{name}'.");
            function = item => filter(s, item, rest);
        }

        return new PyIterator(Py.Iterate(value).Select(function), "generator");
    }

    private static PyIterator SelectOrReject(RenderState s, object? value, CallArguments args, bool reject, bool attribute)
    {
        if (!Py.Truthy(value))
        {
            return new PyIterator([], "generator");
        }

        var offset = 0;
        Func<object?, object?> transform = item => item;
        if (attribute)
        {
            if (args.Count == 0)
            {
                throw new TemplateException("Missing parameter for attribute name");
            }

            transform = AttributeGetter(args.Positional[0], null);
            offset = 1;
        }

        Func<object?, bool> test;
        if (args.Count > offset)
        {
            var name = args.Positional[offset] as string ?? throw new TemplateException("the test name must be a string");
            var function = Tests.Find(name) ?? throw new TemplateException($"No test named '{name}'.");
            var rest = new CallArguments(args.Positional[(offset + 1)..], args.Keywords);
            test = item => Py.Truthy(function(s, item, rest));
        }
        else
        {
            test = Py.Truthy;
        }

        return new PyIterator(Py.Iterate(value).Where(item => test(transform(item)) != reject), "generator");
    }

    private static object? MinOrMax(object? value, CallArguments args, bool max)
    {
        var items = Py.Iterate(value).ToList();
        if (items.Count == 0)
        {
            return new TemplateUndefined(max ? "max" : "min", "No aggregated item, sequence was empty.");
        }

        var caseSensitive = Py.Truthy(args.Get(0, "case_sensitive", false));
        var getter = AttributeGetter(args.Get(1, "attribute"), null);
        var hasAttribute = args.Get(1, "attribute") is not null;
        object? Key(object? item) => Sorting.SortKey(hasAttribute ? getter(item) : item, caseSensitive);
        var best = items[0];
        var bestKey = Key(best);
        foreach (var item in items.Skip(1))
        {
            var key = Key(item);
            var comparison = Py.Compare(key, bestKey, max ? ">" : "<");
            if (max ? comparison > 0 : comparison < 0)
            {
                best = item;
                bestKey = key;
            }
        }

        return best;
    }

    private static object? Reverse(object? value)
    {
        if (value is string s)
        {
            var chars = s.ToCharArray();
            Array.Reverse(chars);
            return new string(chars);
        }

        if (value is PyIterator iterator)
        {
            var items = iterator.Consume().ToList();
            items.Reverse();
            return items;
        }

        var list = Py.ToList(value);
        return new PyIterator(ReverseOf(list), Py.IsList(value) ? "list_reverseiterator" : "reversed");
    }

    private static IEnumerable<object?> ReverseOf(IReadOnlyList<object?> list)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            yield return Py.Normalize(list[i]);
        }
    }

    private static object? Round(object? value, CallArguments args)
    {
        var precision = (int)Py.ToLong(args.Get(0, "precision", 0L)!);
        var method = args.Get(1, "method", "common") as string;
        if (method is not ("common" or "ceil" or "floor"))
        {
            throw new TemplateException("method must be common, ceil or floor");
        }

        if (value is TemplateUndefined u)
        {
            throw Py.Undefined(u);
        }

        if (method == "common")
        {
            return value switch
            {
                long or bool => precision >= 0 ? Py.ToLong(value!) : (long)(Math.Round(Py.ToLong(value!) / Math.Pow(10, -precision), MidpointRounding.ToEven) * Math.Pow(10, -precision)),
                double d => RoundFloat(d, precision),
                decimal m => Math.Round(m, Math.Clamp(precision, 0, 28), MidpointRounding.ToEven),
                _ => throw new TemplateException($"type {Py.TypeName(value)} doesn't define __round__ method"),
            };
        }

        var scale = Math.Pow(10, precision);
        var scaled = Py.ToDouble(value!) * scale;
        return (method == "ceil" ? Math.Ceiling(scaled) : Math.Floor(scaled)) / scale;
    }

    /// <summary>Python's <c>round(x, n)</c>: the exact binary value rounded half-to-even, as .NET's "F" format also rounds.</summary>
    private static double RoundFloat(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        if (precision < 0)
        {
            var scale = Math.Pow(10, -precision);
            return Math.Round(value / scale, MidpointRounding.ToEven) * scale;
        }

        return double.Parse(value.ToString("F" + Math.Min(precision, 400), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static List<object?> Sort(object? value, CallArguments args)
    {
        var reverse = Py.Truthy(args.Get(0, "reverse", false));
        var caseSensitive = Py.Truthy(args.Get(1, "case_sensitive", false));
        var attribute = args.Get(2, "attribute");
        Func<object?, object?>? key = null;
        if (attribute is not null)
        {
            object?[] parts = attribute is string text ? text.Split(',') : [attribute];
            var getters = parts.Select(part => AttributeGetter(part, null)).ToList();
            key = getters.Count == 1
                ? item => Sorting.SortKey(getters[0](item), caseSensitive)
                : item => getters.Select(get => Sorting.SortKey(get(item), caseSensitive)).ToList();
        }

        return Sorting.Sort(Py.Iterate(value), reverse, caseSensitive, key);
    }

    private static object? Sum(object? value, CallArguments args)
    {
        var items = Py.Iterate(value);
        if (args.Get(0, "attribute") is { } attribute)
        {
            items = items.Select(AttributeGetter(attribute, null));
        }

        var total = args.Get(1, "start", 0L);
        if (total is string)
        {
            throw new TemplateException("sum() can't sum strings [use ''.join(seq) instead]");
        }

        foreach (var item in items)
        {
            total = Py.Add(total, item);
        }

        return total;
    }

    private static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var atWordStart = true;
        foreach (var c in text)
        {
            var separator = c is '-' or '(' or '{' or '[' or '<' || PyStrings.IsWhiteSpace(c);
            builder.Append(separator ? c : atWordStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            atWordStart = separator;
        }

        return builder.ToString();
    }

    private static PyIterator Unique(object? value, CallArguments args)
    {
        var caseSensitive = Py.Truthy(args.Get(0, "case_sensitive", false));
        var attribute = args.Get(1, "attribute");
        var getter = attribute is null ? null : AttributeGetter(attribute, null);
        IEnumerable<object?> Distinct()
        {
            var seen = new HashSet<object>(PyKeyComparer.Instance);
            var seenNone = false;
            foreach (var item in Py.Iterate(value))
            {
                var key = Sorting.SortKey(getter is null ? item : getter(item), caseSensitive);
                if (key is null ? !seenNone : seen.Add(key))
                {
                    seenNone |= key is null;
                    yield return item;
                }
            }
        }

        return new PyIterator(Distinct(), "generator");
    }

    private static int WordCount(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var word = c == '_' || char.IsLetterOrDigit(c);
            if (word && !inWord)
            {
                count++;
            }

            inWord = word;
        }

        return count;
    }
}
