namespace Greenhouse.Transform.Templates;

/// <summary>Jinja's default globals: <c>range</c>, <c>dict</c>, <c>namespace</c>, <c>joiner</c>, <c>cycler</c>.</summary>
internal static class Globals
{
    /// <summary>The sandboxed environment dbt uses refuses ranges longer than this (jinja2/sandbox.py MAX_RANGE).</summary>
    private const long MaxRange = 100_000;

    private static readonly Dictionary<string, object?> All = new(StringComparer.Ordinal)
    {
        ["range"] = new TemplateFunction(Range),
        ["dict"] = new TemplateFunction(Dict),
        ["namespace"] = new TemplateFunction(Namespace),
        ["joiner"] = new TemplateFunction(Joiner),
        ["cycler"] = new TemplateFunction(Cycler),
    };

    public static bool TryGet(string name, out object? value) => All.TryGetValue(name, out value);

    private static long Integer(object? value) => value is long or bool
        ? Py.ToLong(value)
        : throw new TemplateException($"'{Py.TypeName(value)}' object cannot be interpreted as an integer");

    private static object? Range(TemplateArguments arguments)
    {
        var args = arguments.Positional;
        var (start, stop, step) = args.Count switch
        {
            1 => (0L, Integer(args[0]), 1L),
            2 => (Integer(args[0]), Integer(args[1]), 1L),
            3 => (Integer(args[0]), Integer(args[1]), Integer(args[2])),
            _ => throw new TemplateException($"range expected 1 to 3 arguments, got {args.Count}"),
        };
        if (step == 0)
        {
            throw new TemplateException("range() arg 3 must not be zero");
        }

        var range = new PyRange(start, stop, step);
        return range.Count > MaxRange
            ? throw new TemplateException($"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MaxRange}).")
            : range;
    }

    private static object? Dict(TemplateArguments arguments)
    {
        var result = new TemplateDictionary();
        if (arguments.Positional.Count > 0)
        {
            var source = arguments.Positional[0];
            if (Mappings.IsMapping(source))
            {
                foreach (var pair in Mappings.Pairs(source!))
                {
                    result[pair.Key] = pair.Value;
                }
            }
            else
            {
                foreach (var item in Py.Iterate(source))
                {
                    var pair = Py.ToList(item);
                    if (pair.Count != 2)
                    {
                        throw new TemplateException($"dictionary update sequence element has length {pair.Count}; 2 is required");
                    }

                    result[pair[0]] = pair[1];
                }
            }
        }

        foreach (var pair in arguments.Keyword)
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }

    private static object? Namespace(TemplateArguments arguments)
    {
        var ns = new PyNamespace();
        if (arguments.Positional.Count > 0 && Mappings.IsMapping(arguments.Positional[0]))
        {
            foreach (var pair in Mappings.Pairs(arguments.Positional[0]!))
            {
                ns.Attributes[Py.Str(pair.Key)] = pair.Value;
            }
        }

        foreach (var pair in arguments.Keyword)
        {
            ns.Attributes[pair.Key] = pair.Value;
        }

        return ns;
    }

    private static object? Joiner(TemplateArguments arguments)
    {
        var separator = Py.Str(arguments.Get(0, "sep", ", "));
        var used = false;
        return new TemplateFunction(_ =>
        {
            if (!used)
            {
                used = true;
                return "";
            }

            return separator;
        });
    }

    private static object? Cycler(TemplateArguments arguments) => new CyclerObject([.. arguments.Positional]);

    private sealed class CyclerObject(object?[] items) : ITemplateObject
    {
        private int _position;

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "current" => items.Length > 0 ? items[_position] : null,
                "next" => new TemplateFunction(_ =>
                {
                    var current = items[_position];
                    _position = (_position + 1) % items.Length;
                    return current;
                }),
                "reset" => new TemplateFunction(_ =>
                {
                    _position = 0;
                    return null;
                }),
                _ => null,
            };
            return name is "current" or "next" or "reset";
        }

        public override string ToString() => "<jinja2.utils.Cycler object>";
    }
}
