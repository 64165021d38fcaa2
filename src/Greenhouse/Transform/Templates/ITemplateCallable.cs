namespace Greenhouse.Transform.Templates;

/// <summary>
/// A host object a template can call, for a value that is both called and read from, such as dbt's
/// <c>config(materialized='table')</c> next to <c>config.get('x')</c> (implement <see cref="ITemplateObject"/> too).
/// A plain function is simpler as a <see cref="TemplateFunction"/>.
/// </summary>
public interface ITemplateCallable
{
    /// <summary>Called for <c>value(...)</c>; fails and returns as a <see cref="TemplateFunction"/> does.</summary>
    object? Call(TemplateArguments arguments);
}
