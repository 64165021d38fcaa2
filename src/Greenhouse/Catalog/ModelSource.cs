namespace Greenhouse.Catalog;

/// <summary>
/// A source table the transform project reads (<c>source('stripe', 'customers')</c>): the relation it resolves to,
/// what it holds (the project's yml, else the connector's stream description), the models that read it, and its
/// columns with their types and descriptions.
/// </summary>
/// <param name="Name">As the project names it: <c>stripe.customers</c>.</param>
/// <param name="Children">Unique ids of the models that read it.</param>
public sealed record ModelSource(
    string Name,
    string UniqueId,
    string Relation,
    string? Description,
    IReadOnlyList<string> Children,
    IReadOnlyList<ColumnNote> Columns);
