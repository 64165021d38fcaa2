namespace Greenhouse.Transform.Templates;

/// <summary>
/// Jinja's default <c>Undefined</c>: what a missing variable, attribute or argument evaluates to. It renders as
/// nothing, is false, iterates as empty and passes <c>is undefined</c>; doing anything else with it (an attribute,
/// an index, arithmetic, a call) fails with <see cref="Message"/>.
/// </summary>
public sealed class TemplateUndefined
{
    /// <summary>An undefined value; <paramref name="message"/> defaults to <c>'name' is undefined</c>.</summary>
    public TemplateUndefined(string name, string? message = null)
    {
        Name = name;
        Message = message ?? $"'{name}' is undefined";
    }

    /// <summary>The variable, attribute or parameter that was missing.</summary>
    public string Name { get; }

    /// <summary>Why it is undefined, e.g. <c>'dict object' has no attribute 'x'</c>.</summary>
    public string Message { get; }

    /// <summary>Renders as nothing.</summary>
    public override string ToString() => "";
}
