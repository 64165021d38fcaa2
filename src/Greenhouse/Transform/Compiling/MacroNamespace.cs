using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>A package's macros as templates reach them: <c>dbt_utils.star</c>; a name it lacks is undefined.</summary>
internal sealed class MacroNamespace(string name, IReadOnlyDictionary<string, TemplateMacro> macros) : ITemplateObject
{
    public string Name { get; } = name;

    public bool TryGetAttribute(string name, out object? value)
    {
        var found = macros.TryGetValue(name, out var macro);
        value = macro;
        return found;
    }

    public override string ToString() => $"<namespace {Name}>";
}
