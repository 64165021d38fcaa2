namespace Greenhouse.Catalog;

/// <summary>
/// How a described table joins another: <see cref="Kind"/> is <c>references</c> (its column holds the other's id),
/// <c>referenced_by</c> (the other's column holds its id) or <c>shared_values</c> (both hold the same kind of value,
/// an email or a login, across sources). <see cref="Join"/> is the SQL condition.
/// </summary>
public sealed record TableRelationship(string Kind, string Column, string OtherTable, string OtherColumn, string Join);
