namespace Greenhouse.Transform.Templates;

/// <summary>
/// A host object whose attributes a template reads: <c>this.schema</c>, <c>target.name</c>, <c>adapter.quote</c>.
/// <c>x.name</c> and <c>x['name']</c> both ask <see cref="TryGetAttribute"/>; a missing attribute is undefined
/// (renders as nothing, fails when used). <c>{{ x }}</c> renders <see cref="object.ToString"/>.
/// </summary>
public interface ITemplateObject
{
    /// <summary>The attribute's value (any template value, a <see cref="TemplateFunction"/> for a method).</summary>
    bool TryGetAttribute(string name, out object? value);
}
