namespace Greenhouse.Warehouse;

/// <summary>The columns and rows of an ad-hoc query; values are CLR values as the driver returned them.</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
