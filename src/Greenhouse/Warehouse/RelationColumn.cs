namespace Greenhouse.Warehouse;

/// <summary>A relation's column and its type as the database spells it (SQLite: the declared type, possibly empty).</summary>
public sealed record RelationColumn(string Name, string Type);
