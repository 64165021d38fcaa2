using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>A node of a parsed template; <see cref="Position"/> is where it starts in the source.</summary>
internal abstract class Node(int position)
{
    public int Position { get; } = position;

    /// <summary>The child nodes in Jinja's field order (what the macro analysis walks).</summary>
    public abstract IEnumerable<Node> Children();
}

internal abstract class Expr(int position) : Node(position)
{
    public abstract object? Eval(RenderState s);
}

internal sealed class ConstExpr(int position, object? value) : Expr(position)
{
    public object? Value { get; } = value;

    public override object? Eval(RenderState s) => Value;

    public override IEnumerable<Node> Children() => [];
}

internal sealed class NameExpr(int position, string name, bool store = false) : Expr(position)
{
    public string Name { get; } = name;

    public bool Store { get; } = store;

    public override object? Eval(RenderState s) => s.Lookup(Name);

    public override IEnumerable<Node> Children() => [];
}

/// <summary><c>ns.attr</c> as an assignment target.</summary>
internal sealed class NamespaceRefExpr(int position, string name, string attribute) : Expr(position)
{
    public string Name { get; } = name;

    public string Attribute { get; } = attribute;

    public override object? Eval(RenderState s) => throw new InvalidOperationException("a namespace reference is only assigned to");

    public override IEnumerable<Node> Children() => [];
}

internal sealed class GetAttrExpr(int position, Expr target, string name) : Expr(position)
{
    public Expr Target { get; } = target;

    public string Name { get; } = name;

    public override object? Eval(RenderState s)
    {
        var target = Target.Eval(s);
        if (target is TemplateUndefined && s.Lenient)
        {
            return target;
        }

        try
        {
            return Py.GetAttr(target, Name);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, target is TemplateUndefined ? Target.Position : Position);
        }
    }

    public override IEnumerable<Node> Children() => [Target];
}

internal sealed class GetItemExpr(int position, Expr target, Expr key) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var target = Target.Eval(s);
        var key = Key.Eval(s);
        if (target is TemplateUndefined && s.Lenient)
        {
            return target;
        }

        try
        {
            return Py.GetItem(target, key);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, target is TemplateUndefined ? Target.Position : Position);
        }
    }

    public Expr Target { get; } = target;

    public Expr Key { get; } = key;

    public override IEnumerable<Node> Children() => [Target, Key];
}

internal sealed class SliceExpr(int position, Expr target, Expr? start, Expr? stop, Expr? step) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var value = target.Eval(s);
        var from = start?.Eval(s);
        var to = stop?.Eval(s);
        var by = step?.Eval(s);
        try
        {
            return Py.Slice(value, from, to, by);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, Position);
        }
    }

    public override IEnumerable<Node> Children() => new Node?[] { target, start, stop, step }.OfType<Node>();
}

/// <summary>The arguments written in a call, filter or test: <c>(a, b, key=c, *more, **named)</c>.</summary>
internal sealed class ArgList(Expr[] positional, string[] keywordNames, Expr[] keywordValues, Expr? dynamicArgs, Expr? dynamicKeywords)
{
    public static readonly ArgList Empty = new([], [], [], null, null);

    public Expr[] Positional { get; } = positional;

    public string[] KeywordNames { get; } = keywordNames;

    public Expr[] KeywordValues { get; } = keywordValues;

    public Expr? DynamicArgs { get; } = dynamicArgs;

    public Expr? DynamicKeywords { get; } = dynamicKeywords;

    public IEnumerable<Node> Children() =>
        Positional.Concat(KeywordValues).Concat(new[] { DynamicArgs, DynamicKeywords }.OfType<Expr>());

    public CallArguments Evaluate(RenderState s, string? extraName = null, object? extraValue = null)
    {
        object?[] positional;
        if (DynamicArgs is null)
        {
            positional = Positional.Length == 0 ? [] : new object?[Positional.Length];
            for (var i = 0; i < Positional.Length; i++)
            {
                positional[i] = Positional[i].Eval(s);
            }
        }
        else
        {
            var list = new List<object?>(Positional.Length + 4);
            foreach (var argument in Positional)
            {
                list.Add(argument.Eval(s));
            }

            var more = DynamicArgs.Eval(s);
            try
            {
                list.AddRange(Py.Iterate(more));
            }
            catch (Exception e) when (RenderState.NeedsLocation(e))
            {
                throw s.Locate(e, DynamicArgs.Position);
            }

            positional = [.. list];
        }

        Dictionary<string, object?>? keywords = null;
        if (KeywordNames.Length > 0 || DynamicKeywords is not null || extraName is not null)
        {
            keywords = new Dictionary<string, object?>(KeywordNames.Length + 1, StringComparer.Ordinal);
            for (var i = 0; i < KeywordNames.Length; i++)
            {
                if (!keywords.TryAdd(KeywordNames[i], KeywordValues[i].Eval(s)))
                {
                    throw s.Source.Error(KeywordValues[i].Position, $"keyword argument '{KeywordNames[i]}' is given twice");
                }
            }

            if (DynamicKeywords is not null)
            {
                var named = DynamicKeywords.Eval(s);
                if (!Mappings.IsMapping(named))
                {
                    throw s.Source.Error(DynamicKeywords.Position, $"argument after ** must be a mapping, not {Py.TypeName(named)}");
                }

                foreach (var pair in Mappings.Pairs(named!))
                {
                    if (pair.Key is not string key)
                    {
                        throw s.Source.Error(DynamicKeywords.Position, "keywords must be strings");
                    }

                    if (!keywords.TryAdd(key, pair.Value))
                    {
                        throw s.Source.Error(DynamicKeywords.Position, $"got multiple values for keyword argument '{key}'");
                    }
                }
            }

            if (extraName is not null)
            {
                keywords[extraName] = extraValue;
            }
        }

        return new CallArguments(positional, keywords);
    }
}

internal sealed class CallExpr(int position, Expr function, ArgList args) : Expr(position)
{
    public Expr Function { get; } = function;

    public ArgList Args { get; } = args;

    public override object? Eval(RenderState s) => Invoke(s, null, null);

    /// <summary>Calls with an extra keyword argument (a <c>{% call %}</c> block's <c>caller</c>).</summary>
    public object? Invoke(RenderState s, string? extraName, object? extraValue)
    {
        object? callee;
        if (Function is GetAttrExpr method)
        {
            var self = method.Target.Eval(s);
            if (self is TemplateUndefined && s.Lenient)
            {
                Args.Evaluate(s, extraName, extraValue);
                return self;
            }

            try
            {
                if (Methods.Has(self, method.Name))
                {
                    var methodArgs = Args.Evaluate(s, extraName, extraValue);
                    return Methods.Call(self, method.Name, methodArgs);
                }

                callee = Py.GetAttr(self, method.Name);
            }
            catch (Exception e) when (RenderState.NeedsLocation(e))
            {
                throw s.Locate(e, self is TemplateUndefined ? method.Target.Position : method.Position);
            }
        }
        else
        {
            callee = Function.Eval(s);
        }

        var arguments = Args.Evaluate(s, extraName, extraValue);
        return s.Call(callee, arguments, Position);
    }

    public override IEnumerable<Node> Children() => Args.Children().Prepend(Function);
}

/// <summary><c>value | name(args)</c>; in a filter block or a set block the value is the rendered body.</summary>
internal sealed class FilterExpr(int position, Expr? target, string name, Filters.Function function, ArgList args) : Expr(position)
{
    public Expr? Target { get; } = target;

    public string Name { get; } = name;

    public ArgList Args { get; } = args;

    public override object? Eval(RenderState s) => Apply(s, Target!.Eval(s));

    public object? Apply(RenderState s, object? value)
    {
        var arguments = Args.Evaluate(s);
        try
        {
            return function(s, value, arguments);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, Position);
        }
    }

    public override IEnumerable<Node> Children() => Args.Children().Prepend(Target).OfType<Node>();

    /// <summary>A block body rendered in its own scope and passed through <paramref name="filters"/>; false when a break, continue or return stopped it.</summary>
    public static bool TryRenderFiltered(RenderState s, Stmt[] body, FilterExpr[] filters, out object? value)
    {
        value = s.RenderBlock(body);
        if (s.Flow != Flow.None)
        {
            return false;
        }

        foreach (var filter in filters)
        {
            value = filter.Apply(s, value);
        }

        return true;
    }
}

internal sealed class TestExpr(int position, Expr target, string name, Tests.Function function, ArgList args) : Expr(position)
{
    public string Name { get; } = name;

    public override object? Eval(RenderState s)
    {
        var value = target.Eval(s);
        var arguments = Args.Evaluate(s);
        try
        {
            return function(s, value, arguments);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, Position);
        }
    }

    public ArgList Args { get; } = args;

    public override IEnumerable<Node> Children() => Args.Children().Prepend(target);
}

internal sealed class NotExpr(int position, Expr operand) : Expr(position)
{
    public override object? Eval(RenderState s) => !Py.Truthy(operand.Eval(s));

    public override IEnumerable<Node> Children() => [operand];
}

internal enum UnaryOp
{
    Negate,
    Plus,
}

internal sealed class UnaryExpr(int position, UnaryOp op, Expr operand) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var value = operand.Eval(s);
        try
        {
            return op == UnaryOp.Negate ? Py.Negate(value) : Py.Plus(value);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, Position);
        }
    }

    public override IEnumerable<Node> Children() => [operand];
}

internal enum BinaryOp
{
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
}

internal sealed class BinaryExpr(int position, BinaryOp op, Expr left, Expr right) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var a = left.Eval(s);
        var b = right.Eval(s);
        try
        {
            return op switch
            {
                BinaryOp.Add => Py.Add(a, b),
                BinaryOp.Sub => Py.Sub(a, b),
                BinaryOp.Mul => Py.Mul(a, b),
                BinaryOp.Div => Py.Div(a, b),
                BinaryOp.FloorDiv => Py.FloorDiv(a, b),
                BinaryOp.Mod => Py.Mod(a, b),
                _ => Py.Pow(a, b),
            };
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, Position);
        }
    }

    public override IEnumerable<Node> Children() => [left, right];
}

/// <summary><c>a ~ b ~ c</c>: each part as text, joined.</summary>
internal sealed class ConcatExpr(int position, Expr[] parts) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(Py.Str(part.Eval(s)));
        }

        return builder.ToString();
    }

    public override IEnumerable<Node> Children() => parts;
}

internal enum CompareOp
{
    Eq,
    Ne,
    Lt,
    LtEq,
    Gt,
    GtEq,
    In,
    NotIn,
}

/// <summary><c>a &lt; b &lt;= c</c>: chained like Python, each operand evaluated once.</summary>
internal sealed class CompareExpr(int position, Expr first, CompareOp[] ops, Expr[] operands) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var left = first.Eval(s);
        for (var i = 0; i < ops.Length; i++)
        {
            var right = operands[i].Eval(s);
            bool result;
            try
            {
                result = Compare(ops[i], left, right);
            }
            catch (Exception e) when (RenderState.NeedsLocation(e))
            {
                throw s.Locate(e, operands[i].Position);
            }

            if (!result)
            {
                return false;
            }

            left = right;
        }

        return true;
    }

    public static bool Compare(CompareOp op, object? a, object? b) => op switch
    {
        CompareOp.Eq => Py.Eq(a, b),
        CompareOp.Ne => !Py.Eq(a, b),
        CompareOp.Lt => Py.Compare(a, b, "<") < 0,
        CompareOp.LtEq => Py.Compare(a, b, "<=") <= 0,
        CompareOp.Gt => Py.Compare(a, b, ">") > 0,
        CompareOp.GtEq => Py.Compare(a, b, ">=") >= 0,
        CompareOp.In => Py.Contains(b, a),
        _ => !Py.Contains(b, a),
    };

    public override IEnumerable<Node> Children() => operands.Prepend(first);
}

internal sealed class AndExpr(int position, Expr left, Expr right) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var a = left.Eval(s);
        return Py.Truthy(a) ? right.Eval(s) : a;
    }

    public override IEnumerable<Node> Children() => [left, right];
}

internal sealed class OrExpr(int position, Expr left, Expr right) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var a = left.Eval(s);
        return Py.Truthy(a) ? a : right.Eval(s);
    }

    public override IEnumerable<Node> Children() => [left, right];
}

/// <summary><c>x if test else y</c>; without <c>else</c> a false test gives undefined.</summary>
internal sealed class CondExpr(int position, Expr test, Expr then, Expr? otherwise) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        if (Py.Truthy(test.Eval(s)))
        {
            return then.Eval(s);
        }

        return otherwise is null
            ? new TemplateUndefined("", $"the inline if-expression on line {s.Source.LineOf(Position)} evaluated to false and no else section was defined.")
            : otherwise.Eval(s);
    }

    public override IEnumerable<Node> Children() => new Node?[] { test, then, otherwise }.OfType<Node>();
}

internal sealed class ListExpr(int position, Expr[] items) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var list = new List<object?>(items.Length);
        foreach (var item in items)
        {
            list.Add(item.Eval(s));
        }

        return list;
    }

    public override IEnumerable<Node> Children() => items;
}

internal sealed class TupleExpr(int position, Expr[] items) : Expr(position)
{
    public Expr[] Items { get; } = items;

    public override object? Eval(RenderState s)
    {
        if (Items.Length == 0)
        {
            return PyTuple.Empty;
        }

        var values = new object?[Items.Length];
        for (var i = 0; i < Items.Length; i++)
        {
            values[i] = Items[i].Eval(s);
        }

        return new PyTuple(values);
    }

    public override IEnumerable<Node> Children() => Items;
}

internal sealed class DictExpr(int position, Expr[] keys, Expr[] values) : Expr(position)
{
    public override object? Eval(RenderState s)
    {
        var dictionary = new TemplateDictionary();
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i].Eval(s);
            try
            {
                dictionary[key] = values[i].Eval(s);
            }
            catch (Exception e) when (RenderState.NeedsLocation(e))
            {
                throw s.Locate(e, keys[i].Position);
            }
        }

        return dictionary;
    }

    public override IEnumerable<Node> Children() => keys.Zip(values, (k, v) => new Node[] { k, v }).SelectMany(pair => pair);
}
