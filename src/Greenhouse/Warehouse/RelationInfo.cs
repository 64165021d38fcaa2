namespace Greenhouse.Warehouse;

/// <summary>An existing relation: whether it is a table or a view, and its columns in order.</summary>
public sealed record RelationInfo(RelationKind Kind, IReadOnlyList<RelationColumn> Columns);
