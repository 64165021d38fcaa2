namespace Greenhouse.Transform.Templates;

/// <summary>What a <see cref="TemplateFunction"/> is called with: the arguments, the render's globals and the call site.</summary>
public sealed class TemplateArguments
{
    private readonly RenderState _state;
    private readonly CallArguments _arguments;
    private readonly int _position;

    internal TemplateArguments(RenderState state, CallArguments arguments, int position)
    {
        _state = state;
        _arguments = arguments;
        _position = position;
        (Line, Column) = state.Source.Locate(Math.Max(0, position));
    }

    /// <summary>The positional arguments (after <c>*args</c> expansion).</summary>
    public IReadOnlyList<object?> Positional => _arguments.Positional;

    /// <summary>The keyword arguments (after <c>**kwargs</c> expansion); <c>caller</c> when called from a call block.</summary>
    public IReadOnlyDictionary<string, object?> Keyword => _arguments.KeywordsOrEmpty;

    /// <summary>The globals of the render that made the call.</summary>
    public TemplateContext Context => _state.Context;

    /// <summary>The file of the call (a macro's file when a macro makes it).</summary>
    public string FileName => _state.Source.FileName;

    /// <summary>The 1-based line of the call.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the call.</summary>
    public int Column { get; }

    /// <summary>Argument <paramref name="position"/>, or the keyword <paramref name="name"/>, or <paramref name="defaultValue"/>.</summary>
    public object? Get(int position, string name, object? defaultValue = null) => _arguments.Get(position, name, defaultValue);

    /// <summary>Whether argument <paramref name="position"/> or keyword <paramref name="name"/> was passed.</summary>
    public bool Has(int position, string name) => _arguments.Has(position, name);

    /// <summary>
    /// dbt's <c>return(value)</c>: the innermost running macro stops and its call evaluates to
    /// <paramref name="value"/> instead of its text. Output and statements after the call in that macro are skipped.
    /// </summary>
    public void Return(object? value)
    {
        if (_state.MacroDepth == 0)
        {
            throw new TemplateException("return() was called outside a macro");
        }

        _state.Flow = Flow.Return;
        _state.ReturnValue = Py.Normalize(value);
    }

    /// <summary>Calls a template callable (a macro, the <c>caller</c> passed in <see cref="Keyword"/>, a function) within this render.</summary>
    public object? Call(object? callable, IReadOnlyList<object?>? positional = null, IReadOnlyDictionary<string, object?>? keyword = null)
    {
        var keywords = keyword is null ? null : new Dictionary<string, object?>(keyword, StringComparer.Ordinal);
        return _state.Call(callable, new CallArguments([.. (positional ?? []).Select(Py.Normalize)], keywords), _position);
    }
}
