using System.Text;

namespace Greenhouse.Transform.Templates;

internal abstract class Stmt(int position) : Node(position)
{
    public abstract void Render(RenderState s, StringBuilder output);

    /// <summary>Renders a body until it ends or a break, continue or return stops it.</summary>
    public static void RenderAll(Stmt[] body, RenderState s, StringBuilder output)
    {
        foreach (var statement in body)
        {
            try
            {
                statement.Render(s, output);
            }
            catch (Exception e) when (RenderState.NeedsLocation(e))
            {
                throw s.Locate(e, statement.Position);
            }

            if (s.Flow != Flow.None)
            {
                return;
            }
        }
    }
}

internal sealed class TextStmt(int position, string text) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output) => output.Append(text);

    public override IEnumerable<Node> Children() => [];
}

/// <summary><c>{{ expression }}</c> and <c>{% print expression %}</c>.</summary>
internal sealed class OutputStmt(int position, Expr expression) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        var value = expression.Eval(s);
        if (s.Flow == Flow.None)
        {
            output.Append(value as string ?? Py.Str(value));
        }
    }

    public override IEnumerable<Node> Children() => [expression];
}

internal sealed class IfStmt(int position, Expr[] tests, Stmt[][] bodies, Stmt[] otherwise) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        for (var i = 0; i < tests.Length; i++)
        {
            var passed = Py.Truthy(tests[i].Eval(s));
            if (s.Flow != Flow.None)
            {
                return;
            }

            if (passed)
            {
                RenderAll(bodies[i], s, output);
                return;
            }
        }

        RenderAll(otherwise, s, output);
    }

    public override IEnumerable<Node> Children() =>
        tests.Zip(bodies, (test, body) => body.Cast<Node>().Prepend(test)).SelectMany(nodes => nodes).Concat(otherwise);
}

internal sealed class ForStmt(int position, Expr target, Expr iterable, Expr? filter, Stmt[] body, Stmt[] otherwise) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        var source = iterable.Eval(s);
        if (s.Flow != Flow.None)
        {
            return;
        }

        List<object?> items;
        try
        {
            items = [.. Py.Iterate(source)];
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw s.Locate(e, iterable.Position);
        }

        var parent = s.Scope;
        if (filter is not null)
        {
            items = items.FindAll(item =>
            {
                s.Scope = new Scope(parent);
                try
                {
                    Assign.To(s, target, item);
                    return Py.Truthy(filter.Eval(s));
                }
                finally
                {
                    s.Scope = parent;
                }
            });
        }

        if (items.Count == 0)
        {
            s.Scope = new Scope(parent);
            try
            {
                RenderAll(otherwise, s, output);
            }
            finally
            {
                s.Scope = parent;
            }

            return;
        }

        var loop = new LoopContext(items);
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                var scope = new Scope(parent);
                s.Scope = scope;
                loop.Index0 = i;
                scope.Set("loop", loop);
                Assign.To(s, target, items[i]);
                RenderAll(body, s, output);
                if (s.Flow == Flow.Continue)
                {
                    s.Flow = Flow.None;
                }
                else if (s.Flow == Flow.Break)
                {
                    s.Flow = Flow.None;
                    break;
                }
                else if (s.Flow == Flow.Return)
                {
                    break;
                }
            }
        }
        finally
        {
            s.Scope = parent;
        }
    }

    public override IEnumerable<Node> Children() =>
        new Node[] { target, iterable }.Concat(body).Concat(otherwise).Concat(new[] { filter }.OfType<Node>());
}

internal sealed class SetStmt(int position, Expr target, Expr value) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        var result = value.Eval(s);
        if (s.Flow == Flow.None)
        {
            Assign.To(s, target, result);
        }
    }

    public override IEnumerable<Node> Children() => [target, value];
}

/// <summary><c>{% set x | filter %}body{% endset %}</c>: the rendered body, filtered, assigned.</summary>
internal sealed class SetBlockStmt(int position, Expr target, FilterExpr[] filters, Stmt[] body) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        if (FilterExpr.TryRenderFiltered(s, body, filters, out var value))
        {
            Assign.To(s, target, value);
        }
    }

    public override IEnumerable<Node> Children() => new Node[] { target }.Concat(filters).Concat(body);
}

internal sealed class FilterBlockStmt(int position, FilterExpr[] filters, Stmt[] body) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        if (FilterExpr.TryRenderFiltered(s, body, filters, out var value))
        {
            output.Append(Py.Str(value));
        }
    }

    public override IEnumerable<Node> Children() => body.Cast<Node>().Concat(filters);
}

internal sealed class WithStmt(int position, Expr[] targets, Expr[] values, Stmt[] body) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        var results = new object?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            results[i] = values[i].Eval(s);
        }

        var parent = s.Scope;
        s.Scope = new Scope(parent);
        try
        {
            for (var i = 0; i < targets.Length; i++)
            {
                Assign.To(s, targets[i], results[i]);
            }

            RenderAll(body, s, output);
        }
        finally
        {
            s.Scope = parent;
        }
    }

    public override IEnumerable<Node> Children() => targets.Cast<Node>().Concat(values).Concat(body);
}

/// <summary><c>{% macro %}</c> at render time: binds the macro, closing over the scope it is defined in.</summary>
internal sealed class MacroStmt(int position, MacroDefinition definition) : Stmt(position)
{
    public MacroDefinition Definition { get; } = definition;

    public override void Render(RenderState s, StringBuilder output)
    {
        if (Definition.Kind == TemplateMacroKind.Macro)
        {
            s.Scope!.Set(Definition.Name, new TemplateMacro(Definition, s.Scope));
        }
    }

    public override IEnumerable<Node> Children() => Definition.Children();
}

/// <summary><c>{% call(args) macro(...) %}body{% endcall %}</c>: calls the macro with the body as <c>caller</c>.</summary>
internal sealed class CallBlockStmt(int position, CallExpr call, MacroDefinition caller) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output)
    {
        var result = call.Invoke(s, "caller", new TemplateMacro(caller, s.Scope));
        if (s.Flow == Flow.None && result is not (null or TemplateUndefined))
        {
            output.Append(Py.Str(result));
        }
    }

    public override IEnumerable<Node> Children() => caller.Children().Prepend(call);
}

internal sealed class DoStmt(int position, Expr expression) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output) => expression.Eval(s);

    public override IEnumerable<Node> Children() => [expression];
}

internal sealed class LoopControlStmt(int position, Flow flow) : Stmt(position)
{
    public override void Render(RenderState s, StringBuilder output) => s.Flow = flow;

    public override IEnumerable<Node> Children() => [];
}

/// <summary>Assignment to a name, a tuple of targets (unpacking) or a namespace attribute.</summary>
internal static class Assign
{
    public static void To(RenderState s, Expr target, object? value)
    {
        switch (target)
        {
            case NameExpr name:
                s.Scope!.Set(name.Name, value);
                break;
            case TupleExpr tuple:
                IReadOnlyList<object?> items;
                try
                {
                    items = Py.ToList(value);
                }
                catch (Exception e) when (RenderState.NeedsLocation(e))
                {
                    throw s.Locate(e, target.Position);
                }

                if (items.Count != tuple.Items.Length)
                {
                    throw s.Source.Error(target.Position, items.Count < tuple.Items.Length
                        ? $"not enough values to unpack (expected {tuple.Items.Length}, got {items.Count})"
                        : $"too many values to unpack (expected {tuple.Items.Length})");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    To(s, tuple.Items[i], Py.Normalize(items[i]));
                }

                break;
            case NamespaceRefExpr reference:
                if (s.Lookup(reference.Name) is not PyNamespace ns)
                {
                    throw s.Source.Error(target.Position, $"cannot assign attribute on non-namespace object '{reference.Name}'");
                }

                ns.Attributes[reference.Attribute] = value;
                break;
            default:
                throw s.Source.Error(target.Position, "cannot assign to this expression");
        }
    }
}
