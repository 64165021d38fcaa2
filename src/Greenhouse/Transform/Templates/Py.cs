using System.Collections;
using System.Globalization;

namespace Greenhouse.Transform.Templates;

/// <summary>
/// Python's semantics for the values templates use: truthiness, <c>str()</c>, <c>==</c> and <c>&lt;</c>, arithmetic
/// (ints stay ints, <c>/</c> is true division, <c>//</c> and <c>%</c> floor), <c>in</c>, <c>len</c>, iteration,
/// and Jinja's attribute/item lookup (an attribute falls back to an item and back). Failures throw an
/// unlocated <see cref="TemplateException"/> with Python's wording; the renderer adds where.
/// </summary>
internal static class Py
{
    public static object? Normalize(object? value) => value switch
    {
        null or string or long or bool or double => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        sbyte b => (long)b,
        ushort s => (long)s,
        uint u => (long)u,
        ulong u => u <= long.MaxValue ? (long)u : (double)u,
        float f => (double)f,
        _ => value,
    };

    public static bool IsNumber(object? value) => value is long or double or decimal or bool;

    public static bool IsList(object? value) =>
        value is IList<object?> or IReadOnlyList<object?> && value is not PyTuple and not PyRange;

    public static IReadOnlyList<object?>? AsSequence(object? value) => value switch
    {
        string => null,
        IReadOnlyList<object?> list => list,
        IList<object?> list => new ListView(list),
        _ => null,
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        decimal => "decimal.Decimal",
        string => "str",
        PyTuple => "tuple",
        PyRange => "range",
        TemplateUndefined => "Undefined",
        TemplateMacro => "Macro",
        TemplateFunction => "function",
        BoundMethod => "builtin_function_or_method",
        PyIterator it => it.TypeName,
        DictView view => view.Kind switch { DictViewKind.Keys => "dict_keys", DictViewKind.Values => "dict_values", _ => "dict_items" },
        PyNamespace => "Namespace",
        LoopContext => "LoopContext",
        _ when IsList(value) => "list",
        _ when Mappings.IsMapping(value) => "dict",
        _ => value.GetType().Name,
    };

    /// <summary>Jinja's <c>object_type_repr</c>, for "has no attribute" messages.</summary>
    public static string ObjectTypeRepr(object? value) => value is null ? "None" : TypeName(value) + " object";

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        decimal m => m != 0,
        string s => s.Length > 0,
        TemplateUndefined => false,
        ICollection<object?> c => c.Count > 0,
        IReadOnlyCollection<object?> c => c.Count > 0,
        TemplateDictionary d => d.Count > 0,
        IDictionary<string, object?> d => d.Count > 0,
        IReadOnlyDictionary<string, object?> d => d.Count > 0,
        DictView view => Mappings.Count(view.Mapping) > 0,
        _ => true,
    };

    /// <summary>Python's <c>str()</c>: what <c>{{ value }}</c> renders.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PyRepr.Float(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        TemplateUndefined => "",
        ITemplateObject o => o.ToString() ?? "",
        _ => PyRepr.Repr(value),
    };

    public static TemplateException Undefined(TemplateUndefined undefined) => new(undefined.Message);

    // ---- equality and ordering -------------------------------------------------------------------------------

    public static bool Eq(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return a is not double d || !double.IsNaN(d);
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return NumberCompare(a, b) == 0 && !IsNaN(a) && !IsNaN(b);
        }

        switch (a)
        {
            case string sa:
                return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case TemplateUndefined:
                return b is TemplateUndefined;
            case PyTuple ta:
                return b is PyTuple tb && SequenceEq(ta, tb);
            case PyRange ra:
                return b is PyRange rb && SequenceEq(ra, rb);
        }

        if (IsList(a))
        {
            return IsList(b) && SequenceEq(AsSequence(a)!, AsSequence(b)!);
        }

        if (Mappings.IsMapping(a))
        {
            if (!Mappings.IsMapping(b) || Mappings.Count(a) != Mappings.Count(b))
            {
                return false;
            }

            foreach (var pair in Mappings.Pairs(a))
            {
                if (!Mappings.TryGet(b, pair.Key, out var other) || !Eq(pair.Value, other))
                {
                    return false;
                }
            }

            return true;
        }

        return a.Equals(b);
    }

    private static bool IsNaN(object value) => value is double d && double.IsNaN(d);

    private static bool SequenceEq(IReadOnlyList<object?> a, IReadOnlyList<object?> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!Eq(Normalize(a[i]), Normalize(b[i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Python's ordering for <c>&lt;</c> and friends; <paramref name="op"/> names the operator in errors.</summary>
    public static int Compare(object? a, object? b, string op)
    {
        if (a is TemplateUndefined ua)
        {
            throw Undefined(ua);
        }

        if (b is TemplateUndefined ub)
        {
            throw Undefined(ub);
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return NumberCompare(a!, b!);
        }

        if (a is string sa && b is string sb)
        {
            return Math.Sign(string.CompareOrdinal(sa, sb));
        }

        var bothTuples = a is PyTuple && b is PyTuple;
        if (bothTuples || (IsList(a) && IsList(b)))
        {
            var la = AsSequence(a)!;
            var lb = AsSequence(b)!;
            for (var i = 0; i < la.Count && i < lb.Count; i++)
            {
                var x = Normalize(la[i]);
                var y = Normalize(lb[i]);
                if (!Eq(x, y))
                {
                    return Compare(x, y, op);
                }
            }

            return la.Count.CompareTo(lb.Count);
        }

        throw new TemplateException($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    private static int NumberCompare(object a, object b)
    {
        if (a is double || b is double)
        {
            if (a is decimal || b is decimal)
            {
                return ToDecimalExact(a).CompareTo(ToDecimalExact(b));
            }

            return ToDouble(a).CompareTo(ToDouble(b));
        }

        if (a is decimal || b is decimal)
        {
            return ToDecimal(a).CompareTo(ToDecimal(b));
        }

        return ToLong(a).CompareTo(ToLong(b));
    }

    private static decimal ToDecimalExact(object value) =>
        value is double d ? (double.IsFinite(d) ? (decimal)d : d > 0 ? decimal.MaxValue : decimal.MinValue) : ToDecimal(value);

    public static long ToLong(object value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        _ => throw new TemplateException($"an integer is required, not '{TypeName(value)}'"),
    };

    public static double ToDouble(object value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        double d => d,
        decimal m => (double)m,
        _ => throw new TemplateException($"a number is required, not '{TypeName(value)}'"),
    };

    private static decimal ToDecimal(object value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        decimal m => m,
        double d => (decimal)d,
        _ => throw new TemplateException($"a number is required, not '{TypeName(value)}'"),
    };

    // ---- arithmetic ------------------------------------------------------------------------------------------

    private static void CheckDefined(object? a, object? b)
    {
        if (a is TemplateUndefined ua)
        {
            throw Undefined(ua);
        }

        if (b is TemplateUndefined ub)
        {
            throw Undefined(ub);
        }
    }

    private static TemplateException Unsupported(string op, object? a, object? b) =>
        new($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'");

    public static object? Add(object? a, object? b)
    {
        CheckDefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            return Numeric(a!, b!, "+", (x, y) => checked(x + y), (x, y) => x + y, (x, y) => x + y);
        }

        if (a is string sa)
        {
            return b is string sb ? string.Concat(sa, sb) : throw new TemplateException($"can only concatenate str (not \"{TypeName(b)}\") to str");
        }

        if (a is PyTuple ta && b is PyTuple tb)
        {
            return new PyTuple([.. ta.Items, .. tb.Items]);
        }

        if (IsList(a))
        {
            if (!IsList(b))
            {
                throw new TemplateException($"can only concatenate list (not \"{TypeName(b)}\") to list");
            }

            var result = new List<object?>(AsSequence(a)!);
            result.AddRange(AsSequence(b)!);
            return result;
        }

        throw Unsupported("+", a, b);
    }

    public static object? Sub(object? a, object? b)
    {
        CheckDefined(a, b);
        return IsNumber(a) && IsNumber(b)
            ? Numeric(a!, b!, "-", (x, y) => checked(x - y), (x, y) => x - y, (x, y) => x - y)
            : throw Unsupported("-", a, b);
    }

    public static object? Mul(object? a, object? b)
    {
        CheckDefined(a, b);
        if (IsNumber(a) && IsNumber(b))
        {
            return Numeric(a!, b!, "*", (x, y) => checked(x * y), (x, y) => x * y, (x, y) => x * y);
        }

        if (a is long or bool && (b is string || IsList(b) || b is PyTuple))
        {
            (a, b) = (b, a);
        }

        if (b is long or bool)
        {
            var times = (int)Math.Clamp(ToLong(b), 0, int.MaxValue);
            switch (a)
            {
                case string s:
                    return string.Concat(Enumerable.Repeat(s, times));
                case PyTuple t:
                    return new PyTuple([.. Enumerable.Repeat(t.Items, times).SelectMany(items => items)]);
                default:
                    if (IsList(a))
                    {
                        var items = AsSequence(a)!;
                        var result = new List<object?>(items.Count * times);
                        for (var i = 0; i < times; i++)
                        {
                            result.AddRange(items);
                        }

                        return result;
                    }

                    break;
            }
        }

        throw Unsupported("*", a, b);
    }

    public static object? Div(object? a, object? b)
    {
        CheckDefined(a, b);
        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("/", a, b);
        }

        if (a is decimal || b is decimal)
        {
            return Numeric(a!, b!, "/", null, null, (x, y) => y == 0 ? throw new TemplateException("division by zero") : x / y);
        }

        var divisor = ToDouble(b!);
        return divisor == 0 ? throw new TemplateException("division by zero") : ToDouble(a!) / divisor;
    }

    public static object? FloorDiv(object? a, object? b)
    {
        CheckDefined(a, b);
        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("//", a, b);
        }

        return Numeric(a!, b!, "//",
            (x, y) => y == 0 ? throw new TemplateException("integer division or modulo by zero") : FloorDivLong(x, y),
            (x, y) => y == 0 ? throw new TemplateException("float floor division by zero") : Math.Floor(x / y),
            (x, y) => y == 0 ? throw new TemplateException("division by zero") : decimal.Truncate(x / y));
    }

    private static long FloorDivLong(long x, long y)
    {
        var q = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? q - 1 : q;
    }

    public static object? Mod(object? a, object? b)
    {
        if (a is string format)
        {
            CheckDefined(null, b);
            return PyFormat.Percent(format, b);
        }

        CheckDefined(a, b);
        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("%", a, b);
        }

        return Numeric(a!, b!, "%",
            (x, y) =>
            {
                if (y == 0)
                {
                    throw new TemplateException("integer division or modulo by zero");
                }

                var r = x % y;
                return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
            },
            (x, y) =>
            {
                if (y == 0)
                {
                    throw new TemplateException("float modulo");
                }

                var r = x % y;
                return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
            },
            (x, y) => y == 0 ? throw new TemplateException("division by zero") : x % y);
    }

    public static object? Pow(object? a, object? b)
    {
        CheckDefined(a, b);
        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("** or pow()", a, b);
        }

        if (a is long or bool && b is long or bool)
        {
            var x = ToLong(a);
            var y = ToLong(b);
            if (y < 0)
            {
                return x == 0 ? throw new TemplateException("0.0 cannot be raised to a negative power") : Math.Pow(x, y);
            }

            long result = 1;
            checked
            {
                while (y > 0)
                {
                    if ((y & 1) == 1)
                    {
                        result *= x;
                    }

                    y >>= 1;
                    if (y > 0)
                    {
                        x *= x;
                    }
                }
            }

            return result;
        }

        return Math.Pow(ToDouble(a!), ToDouble(b!));
    }

    public static object? Negate(object? value) => value switch
    {
        TemplateUndefined u => throw Undefined(u),
        bool b => b ? -1L : 0L,
        long l => checked(-l),
        double d => -d,
        decimal m => -m,
        _ => throw new TemplateException($"bad operand type for unary -: '{TypeName(value)}'"),
    };

    public static object? Plus(object? value) => value switch
    {
        TemplateUndefined u => throw Undefined(u),
        bool b => b ? 1L : 0L,
        long or double or decimal => value,
        _ => throw new TemplateException($"bad operand type for unary +: '{TypeName(value)}'"),
    };

    private static object Numeric(
        object a, object b, string op,
        Func<long, long, long>? ints, Func<double, double, double>? floats, Func<decimal, decimal, decimal> decimals)
    {
        try
        {
            if (a is decimal || b is decimal)
            {
                return a is double || b is double ? throw Unsupported(op, a, b) : decimals(ToDecimal(a), ToDecimal(b));
            }

            if (a is double || b is double || ints is null)
            {
                return floats!(ToDouble(a), ToDouble(b));
            }

            return ints(ToLong(a), ToLong(b));
        }
        catch (OverflowException)
        {
            throw new TemplateException($"integer overflow in {Str(a)} {op} {Str(b)}");
        }
    }

    // ---- containers --------------------------------------------------------------------------------------------

    public static IEnumerable<object?> Iterate(object? value)
    {
        switch (value)
        {
            case string s:
                return IterateString(s);
            case PyTuple t:
                return t.Items;
            case PyRange r:
                return r;
            case TemplateUndefined:
                return [];
            case PyIterator it:
                return it.Consume();
            case DictView view:
                return view.Iterate();
            case null:
                throw new TemplateException("'NoneType' object is not iterable");
        }

        if (IsList(value))
        {
            return AsSequence(value)!.Select(Normalize);
        }

        if (Mappings.IsMapping(value))
        {
            return Mappings.Keys(value);
        }

        if (value is IEnumerable enumerable and not ITemplateObject)
        {
            return enumerable.Cast<object?>().Select(Normalize);
        }

        throw new TemplateException($"'{TypeName(value)}' object is not iterable");
    }

    private static IEnumerable<object?> IterateString(string s)
    {
        foreach (var c in s)
        {
            yield return Char(c);
        }
    }

    private static readonly string[] AsciiChars = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    public static string Char(char c) => c < 128 ? AsciiChars[c] : c.ToString();

    /// <summary>The items as a list the caller may keep (a list value is copied only when it is not one already).</summary>
    public static IReadOnlyList<object?> ToList(object? value) => value switch
    {
        PyTuple t => t.Items,
        List<object?> list => list,
        _ => [.. Iterate(value)],
    };

    public static int Len(object? value) => value switch
    {
        string s => s.Length,
        TemplateUndefined => 0,
        ICollection<object?> c => c.Count,
        IReadOnlyCollection<object?> c => c.Count,
        DictView view => Mappings.Count(view.Mapping),
        _ when Mappings.IsMapping(value) => Mappings.Count(value!),
        _ => throw new TemplateException($"object of type '{TypeName(value)}' has no len()"),
    };

    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string s:
                return item is string sub
                    ? s.Contains(sub, StringComparison.Ordinal)
                    : throw new TemplateException($"'in <string>' requires string as left operand, not {TypeName(item)}");
            case TemplateUndefined:
                return false;
            case DictView { Kind: DictViewKind.Keys } keys:
                return Mappings.TryGet(keys.Mapping, item, out _);
        }

        if (Mappings.IsMapping(container))
        {
            PyKeyComparer.RequireHashable(item);
            return Mappings.TryGet(container!, item, out _);
        }

        foreach (var element in Iterate(container))
        {
            if (Eq(element, item))
            {
                return true;
            }
        }

        return false;
    }

    // ---- attribute and item lookup -----------------------------------------------------------------------------

    /// <summary>Jinja's <c>getattr</c>: an attribute (a built-in type's method), else the item of that name.</summary>
    public static object? GetAttr(object? obj, string name)
    {
        switch (obj)
        {
            case TemplateUndefined u:
                throw Undefined(u);
            case ITemplateObject o:
                return o.TryGetAttribute(name, out var value) ? Normalize(value) : Missing(obj, name);
            case PyNamespace ns:
                return ns.Attributes.TryGetValue(name, out var attribute) ? attribute : Missing(obj, name);
            case LoopContext loop:
                return loop.GetAttribute(name) ?? Missing(obj, name);
            case TemplateMacro macro:
                return name switch
                {
                    "name" => macro.Name,
                    "arguments" => new PyTuple([.. macro.Parameters]),
                    _ => Missing(obj, name),
                };
            case PyRange range:
                return name switch
                {
                    "start" => range.Start,
                    "stop" => range.Stop,
                    "step" => range.Step,
                    _ => Missing(obj, name),
                };
        }

        if (Methods.Has(obj, name))
        {
            return new BoundMethod(obj, name);
        }

        if (Mappings.IsMapping(obj) && Mappings.TryGet(obj!, name, out var item))
        {
            return item;
        }

        return Missing(obj, name);
    }

    /// <summary>Jinja's <c>getitem</c>: the item, else (for a string key) the attribute of that name.</summary>
    public static object? GetItem(object? obj, object? key)
    {
        switch (obj)
        {
            case TemplateUndefined u:
                throw Undefined(u);
            case string s when key is long or bool:
                var index = ToLong(key);
                index = index < 0 ? index + s.Length : index;
                return index >= 0 && index < s.Length ? Char(s[(int)index]) : MissingItem(obj, key);
            case ITemplateObject o when key is string name:
                return o.TryGetAttribute(name, out var value) ? Normalize(value) : Missing(obj, name);
        }

        if (key is long or bool && AsSequence(obj) is { } list)
        {
            var index = ToLong(key);
            index = index < 0 ? index + list.Count : index;
            return index >= 0 && index < list.Count ? Normalize(list[(int)index]) : MissingItem(obj, key);
        }

        if (Mappings.IsMapping(obj) && IsHashable(key) && Mappings.TryGet(obj!, key, out var item))
        {
            return item;
        }

        return key is string attribute ? GetAttr(obj, attribute) : MissingItem(obj, key);
    }

    private static bool IsHashable(object? key) => key is not (IList<object?> or TemplateDictionary) || key is PyTuple;

    public static TemplateUndefined Missing(object? obj, string name) =>
        new(name, $"'{ObjectTypeRepr(obj)}' has no attribute '{name}'");

    private static TemplateUndefined MissingItem(object? obj, object? key) =>
        new(Str(key), $"{ObjectTypeRepr(obj)} has no element {PyRepr.Repr(key)}");

    public static object? Slice(object? obj, object? start, object? stop, object? step)
    {
        if (obj is TemplateUndefined u)
        {
            throw Undefined(u);
        }

        var length = obj is string text ? text.Length : AsSequence(obj)?.Count
            ?? throw new TemplateException($"'{TypeName(obj)}' object is not subscriptable");
        var indices = SliceIndices(length, start, stop, step);
        switch (obj)
        {
            case string s:
                var builder = new System.Text.StringBuilder();
                foreach (var i in indices)
                {
                    builder.Append(s[i]);
                }

                return builder.ToString();
            case PyTuple t:
                return new PyTuple([.. indices.Select(i => t.Items[i])]);
            default:
                var list = AsSequence(obj)!;
                return indices.Select(i => Normalize(list[i])).ToList();
        }
    }

    private static List<int> SliceIndices(int length, object? start, object? stop, object? step)
    {
        long SliceValue(object? value, string what) => value switch
        {
            long or bool => ToLong(value),
            _ => throw new TemplateException($"slice {what} must be an integer or none, not {TypeName(value)}"),
        };

        var stepValue = step is null or TemplateUndefined ? 1 : SliceValue(step, "step");
        if (stepValue == 0)
        {
            throw new TemplateException("slice step cannot be zero");
        }

        long lower = stepValue > 0 ? 0 : -1;
        long upper = stepValue > 0 ? length : length - 1;
        long Clamp(object? value, long whenNone)
        {
            if (value is null or TemplateUndefined)
            {
                return whenNone;
            }

            var v = SliceValue(value, "index");
            return v < 0 ? Math.Max(v + length, lower) : Math.Min(v, upper);
        }

        var from = Clamp(start, stepValue > 0 ? lower : upper);
        var to = Clamp(stop, stepValue > 0 ? upper : lower);
        var result = new List<int>();
        for (var i = from; stepValue > 0 ? i < to : i > to; i += stepValue)
        {
            result.Add((int)i);
        }

        return result;
    }

    private sealed class ListView(IList<object?> list) : IReadOnlyList<object?>
    {
        public object? this[int index] => list[index];

        public int Count => list.Count;

        public IEnumerator<object?> GetEnumerator() => list.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => list.GetEnumerator();
    }
}
