namespace Greenhouse.Catalog;

/// <summary>A column as the project's properties file documents it.</summary>
public sealed record ColumnNote(string Name, string? Description, string? DataType);
