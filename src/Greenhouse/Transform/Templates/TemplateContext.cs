namespace Greenhouse.Transform.Templates;

/// <summary>
/// The global names a render sees (dbt's context: <c>ref</c>, <c>this</c>, <c>target</c>, the project's macros).
/// A value is one of: null (<c>none</c>), <see cref="bool"/>, <see cref="long"/> (other integers are read as long),
/// <see cref="double"/>, <see cref="decimal"/>, <see cref="string"/>, a list (<see cref="IList{T}"/> of object;
/// any other <see cref="IReadOnlyList{T}"/> of object reads as a read-only list), a dictionary
/// (<see cref="TemplateDictionary"/>, or <see cref="IDictionary{TKey,TValue}"/> / <see cref="IReadOnlyDictionary{TKey,TValue}"/>
/// with string keys and object values), a <see cref="TemplateFunction"/>, a <see cref="TemplateMacro"/>, or an
/// <see cref="ITemplateObject"/>. Templates create lists as <see cref="List{T}"/>, tuples as read-only lists and
/// dictionaries as <see cref="TemplateDictionary"/>.
/// </summary>
/// <remarks>A child context sees its parent's names unless it sets its own, so a project's shared names (macros,
/// <c>target</c>) are set once and each model adds only its own (<c>this</c>, <c>config</c>).</remarks>
public sealed class TemplateContext(TemplateContext? parent = null)
{
    private readonly Dictionary<string, object?> _globals = new(StringComparer.Ordinal);

    /// <summary>The context this one falls back to for names it does not set.</summary>
    public TemplateContext? Parent { get; } = parent;

    /// <summary>
    /// dbt's parse-time undefined (<c>capture_macros=True</c>): an attribute, an item or a call of an undefined
    /// value is undefined too instead of failing, so a first pass can render a model whose macros are not known
    /// yet. Other uses (arithmetic, comparison) still fail. Unset, a child context takes its parent's setting.
    /// </summary>
    public bool? LenientUndefined { get; init; }

    internal bool IsLenient => LenientUndefined ?? Parent?.IsLenient ?? false;

    /// <summary>Sets a global name; returns this context, so settings chain.</summary>
    public TemplateContext Set(string name, object? value)
    {
        _globals[name] = value;
        return this;
    }

    /// <summary>The value of a global name, from this context or its parents.</summary>
    public bool TryGet(string name, out object? value)
    {
        for (var context = this; context is not null; context = context.Parent)
        {
            if (context._globals.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }
}
