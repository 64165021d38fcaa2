namespace Greenhouse.Transform.Templates;

/// <summary>Jinja's built-in tests (jinja2/tests.py): <c>x is defined</c>, <c>x is divisibleby 3</c>, <c>x is in [...]</c>.</summary>
internal static class Tests
{
    public delegate bool Function(RenderState s, object? value, CallArguments args);

    private static readonly Dictionary<string, Function> All = new(StringComparer.Ordinal)
    {
        ["odd"] = (_, v, _) => Integer(v, "odd") % 2 != 0,
        ["even"] = (_, v, _) => Integer(v, "even") % 2 == 0,
        ["divisibleby"] = (_, v, a) => Py.Eq(Py.Mod(v, a.Get(0, "num")), 0L),
        ["defined"] = (_, v, _) => v is not TemplateUndefined,
        ["undefined"] = (_, v, _) => v is TemplateUndefined,
        ["filter"] = (_, v, _) => v is string name && Filters.Find(name) is not null,
        ["test"] = (_, v, _) => v is string name && Find(name) is not null,
        ["none"] = (_, v, _) => v is null,
        ["boolean"] = (_, v, _) => v is bool,
        ["false"] = (_, v, _) => v is false,
        ["true"] = (_, v, _) => v is true,
        ["integer"] = (_, v, _) => v is long,
        ["float"] = (_, v, _) => v is double,
        ["lower"] = (_, v, _) => Py.Str(v) is var s && s.Any(char.IsLetter) && !s.Any(char.IsUpper),
        ["upper"] = (_, v, _) => Py.Str(v) is var s && s.Any(char.IsLetter) && !s.Any(char.IsLower),
        ["string"] = (_, v, _) => v is string,
        ["mapping"] = (_, v, _) => Mappings.IsMapping(v),
        ["number"] = (_, v, _) => Py.IsNumber(v),
        ["sequence"] = (_, v, _) => v is string || Py.AsSequence(v) is not null || Mappings.IsMapping(v),
        ["iterable"] = (_, v, _) => Iterable(v),
        ["callable"] = (_, v, _) => v is TemplateMacro or TemplateFunction or ITemplateCallable or BoundMethod,
        ["sameas"] = (_, v, a) => SameAs(v, a.Get(0, "other")),
        ["escaped"] = (_, _, _) => false,
        ["in"] = (_, v, a) => Py.Contains(a.Get(0, "seq"), v),
        ["=="] = Compare(CompareOp.Eq),
        ["eq"] = Compare(CompareOp.Eq),
        ["equalto"] = Compare(CompareOp.Eq),
        ["!="] = Compare(CompareOp.Ne),
        ["ne"] = Compare(CompareOp.Ne),
        [">"] = Compare(CompareOp.Gt),
        ["gt"] = Compare(CompareOp.Gt),
        ["greaterthan"] = Compare(CompareOp.Gt),
        [">="] = Compare(CompareOp.GtEq),
        ["ge"] = Compare(CompareOp.GtEq),
        ["<"] = Compare(CompareOp.Lt),
        ["lt"] = Compare(CompareOp.Lt),
        ["lessthan"] = Compare(CompareOp.Lt),
        ["<="] = Compare(CompareOp.LtEq),
        ["le"] = Compare(CompareOp.LtEq),
    };

    public static Function? Find(string name) => All.GetValueOrDefault(name);

    private static Function Compare(CompareOp op) => (_, v, a) => CompareExpr.Compare(op, v, a.Get(0, "other"));

    private static long Integer(object? value, string test) => value switch
    {
        bool or long => Py.ToLong(value),
        double d when Math.Floor(d) == d => (long)d,
        TemplateUndefined u => throw Py.Undefined(u),
        _ => throw new TemplateException($"the '{test}' test needs an integer, not {Py.TypeName(value)}"),
    };

    private static bool Iterable(object? value)
    {
        try
        {
            _ = value is PyIterator ? null : Py.Iterate(value);
            return true;
        }
        catch (TemplateException)
        {
            return false;
        }
    }

    private static bool SameAs(object? value, object? other) => value switch
    {
        null => other is null,
        bool b => other is bool c && b == c,
        long l => other is long m && l == m && l is >= -5 and <= 256,
        _ => ReferenceEquals(value, other),
    };
}
