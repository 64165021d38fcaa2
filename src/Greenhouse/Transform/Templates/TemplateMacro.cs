namespace Greenhouse.Transform.Templates;

/// <summary>
/// A macro a template defined. Templates call it like a function; the host calls it with <see cref="Call"/>.
/// Its result is its rendered text, or the value it passed to <c>return()</c>
/// (<see cref="TemplateArguments.Return"/>). Names its body does not define resolve in the calling render's
/// globals, the way dbt runs a project's macros in the calling model's context.
/// </summary>
public sealed class TemplateMacro
{
    internal TemplateMacro(MacroDefinition definition, Scope? closure)
    {
        Definition = definition;
        Closure = closure;
    }

    /// <summary>The name after the tag (<c>{% macro name(...) %}</c>, <c>{% test name(...) %}</c>, <c>{% docs name %}</c>).</summary>
    public string Name => Definition.Name;

    /// <summary>Which tag defined it.</summary>
    public TemplateMacroKind Kind => Definition.Kind;

    /// <summary>The declared parameters, in order.</summary>
    public IReadOnlyList<string> Parameters => Definition.ParameterNames;

    /// <summary>The file that defines it.</summary>
    public string FileName => Definition.Source.FileName;

    /// <summary>The line of its opening tag.</summary>
    public int Line => Definition.Source.LineOf(Definition.Position);

    internal MacroDefinition Definition { get; }

    internal Scope? Closure { get; }

    /// <summary>Calls the macro outside any template, with <paramref name="context"/> as its globals.</summary>
    public object? Call(TemplateContext context, IReadOnlyList<object?>? positional = null, IReadOnlyDictionary<string, object?>? keyword = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keywords = keyword is null ? null : new Dictionary<string, object?>(keyword, StringComparer.Ordinal);
        var arguments = new CallArguments([.. (positional ?? []).Select(Py.Normalize)], keywords);
        var state = new RenderState(context, Definition.Source);
        try
        {
            return Invoke(state, arguments, -1);
        }
        catch (Exception e) when (RenderState.NeedsLocation(e))
        {
            throw state.Locate(e, Definition.Position);
        }
    }

    internal object? Invoke(RenderState s, CallArguments arguments, int callPosition)
    {
        var d = Definition;
        var scope = new Scope(Closure);
        var missing = Bind(scope, arguments);
        var callSource = s.Source;
        var parentScope = s.Scope;
        s.EnterCall(d.Name);
        s.Scope = scope;
        s.Source = d.Source;
        var isMacro = d.Kind != TemplateMacroKind.Caller;
        if (isMacro)
        {
            s.MacroDepth++;
        }

        var builder = s.Rent();
        try
        {
            for (var i = 0; missing && i < d.ParameterNames.Length; i++)
            {
                if (!scope.TryGet(d.ParameterNames[i], out _))
                {
                    var name = d.ParameterNames[i];
                    scope.Set(name, d.Defaults[i] is { } fallback
                        ? fallback.Eval(s)
                        : new TemplateUndefined(name, $"parameter '{name}' was not provided"));
                }
            }

            Stmt.RenderAll(d.Body, s, builder);
            if (isMacro && s.Flow == Flow.Return)
            {
                var value = s.ReturnValue;
                s.Flow = Flow.None;
                s.ReturnValue = null;
                return value;
            }

            return builder.ToString();
        }
        catch (TemplateException e) when (e.HasLocation && callPosition >= 0)
        {
            e.AddCaller($"{callSource.Describe(callPosition)} (in a call to '{d.Name}')");
            throw;
        }
        finally
        {
            s.Return(builder);
            s.Scope = parentScope;
            s.Source = callSource;
            s.CallDepth--;
            if (isMacro)
            {
                s.MacroDepth--;
            }
        }
    }

    /// <summary>Jinja's <c>Macro.__call__</c>: positional, then keyword arguments; the rest to varargs/kwargs or an error.</summary>
    private bool Bind(Scope scope, CallArguments arguments)
    {
        var d = Definition;
        var positional = arguments.Positional;
        var keywords = arguments.Keywords is { Count: > 0 } given ? new Dictionary<string, object?>(given, StringComparer.Ordinal) : null;
        var missing = false;
        for (var i = 0; i < d.ParameterNames.Length; i++)
        {
            var name = d.ParameterNames[i];
            if (i < positional.Length)
            {
                scope.Set(name, positional[i]);
            }
            else if (keywords is not null && keywords.Remove(name, out var value))
            {
                scope.Set(name, value);
            }
            else
            {
                missing = true;
            }
        }

        if (d.UsesCaller)
        {
            scope.Set("caller", keywords is not null && keywords.Remove("caller", out var caller) && caller is not null
                ? caller
                : new TemplateUndefined("caller", "No caller defined"));
        }

        if (d.CatchKwargs)
        {
            var kwargs = new TemplateDictionary();
            foreach (var pair in keywords ?? [])
            {
                kwargs[pair.Key] = pair.Value;
            }

            scope.Set("kwargs", kwargs);
        }
        else if (keywords is { Count: > 0 })
        {
            var first = keywords.Keys.First();
            throw new TemplateException(first == "caller"
                ? $"macro '{d.Name}' was invoked with two values for the special caller argument"
                : $"macro '{d.Name}' takes no keyword argument '{first}'");
        }

        if (d.CatchVarargs)
        {
            scope.Set("varargs", positional.Length > d.ParameterNames.Length ? new PyTuple(positional[d.ParameterNames.Length..]) : PyTuple.Empty);
        }
        else if (positional.Length > d.ParameterNames.Length)
        {
            throw new TemplateException($"macro '{d.Name}' takes not more than {d.ParameterNames.Length} argument(s)");
        }

        return missing;
    }

    /// <summary>Jinja's repr, e.g. <c>&lt;Macro 'name'&gt;</c>.</summary>
    public override string ToString() => $"<Macro '{Name}'>";
}
