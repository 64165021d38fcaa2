using System.Runtime.CompilerServices;
using System.Text;

namespace Greenhouse.Transform.Templates;

internal enum Flow
{
    None,
    Break,
    Continue,
    Return,
}

/// <summary>
/// One render in progress: the globals, the current file (a macro runs in its own file), the innermost scope,
/// and a pending break, continue or <c>return()</c> that stops the statements around it.
/// </summary>
internal sealed class RenderState(TemplateContext context, SourceText source)
{
    private const int MaxCallDepth = 400;
    private readonly Stack<StringBuilder> _builders = new();

    public TemplateContext Context { get; } = context;

    /// <summary>Whether an attribute, item or call of an undefined value stays undefined (dbt's parse-time undefined).</summary>
    public bool Lenient { get; } = context.IsLenient;

    public SourceText Source { get; set; } = source;

    public Scope? Scope { get; set; }

    public Flow Flow { get; set; }

    public object? ReturnValue { get; set; }

    /// <summary>How many macros (not call-block bodies) are running: <c>return()</c> needs one.</summary>
    public int MacroDepth { get; set; }

    public int CallDepth { get; set; }

    public object? Lookup(string name)
    {
        for (var scope = Scope; scope is not null; scope = scope.Parent)
        {
            if (scope.TryGet(name, out var value))
            {
                return value;
            }
        }

        if (Context.TryGet(name, out var global))
        {
            return Py.Normalize(global);
        }

        return Globals.TryGet(name, out var builtin) ? builtin : new TemplateUndefined(name);
    }

    public object? Call(object? callee, CallArguments arguments, int position)
    {
        try
        {
            switch (callee)
            {
                case TemplateMacro macro:
                    return macro.Invoke(this, arguments, position);
                case TemplateFunction function:
                    return Py.Normalize(function(new TemplateArguments(this, arguments, position)));
                case ITemplateCallable callable:
                    return Py.Normalize(callable.Call(new TemplateArguments(this, arguments, position)));
                case BoundMethod method:
                    return Methods.Call(method.Self, method.Name, arguments);
                case TemplateUndefined undefined:
                    return Lenient ? undefined : throw Py.Undefined(undefined);
                default:
                    throw new TemplateException($"'{Py.TypeName(callee)}' object is not callable");
            }
        }
        catch (Exception e) when (NeedsLocation(e))
        {
            throw Locate(e, position);
        }
    }

    public void EnterCall(string name)
    {
        if (CallDepth >= MaxCallDepth)
        {
            throw new TemplateException($"calls nest deeper than {MaxCallDepth} levels at '{name}': does a macro call itself without end?");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        CallDepth++;
    }

    /// <summary>Renders a block body in a scope of its own and returns its text.</summary>
    public string RenderBlock(Stmt[] body)
    {
        var parent = Scope;
        var builder = Rent();
        Scope = new Scope(parent);
        try
        {
            Stmt.RenderAll(body, this, builder);
            return builder.ToString();
        }
        finally
        {
            Scope = parent;
            Return(builder);
        }
    }

    public StringBuilder Rent() => _builders.Count > 0 ? _builders.Pop() : new StringBuilder(256);

    public void Return(StringBuilder builder)
    {
        if (builder.Capacity <= 1 << 16)
        {
            builder.Clear();
            _builders.Push(builder);
        }
    }

    /// <summary>Whether the failure still needs a file, line and column (host and Python errors do).</summary>
    public static bool NeedsLocation(Exception e) => e is not TemplateException { HasLocation: true };

    public TemplateException Locate(Exception e, int position) =>
        e is TemplateException { HasLocation: true } located ? located
        : Source.Error(position, e is TemplateException template ? template.Reason : e.Message, e);
}
