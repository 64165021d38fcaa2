namespace Greenhouse.Catalog;

/// <summary>What <c>list_tables</c> answers: the landed stream tables, then the modelled relations, and how to read them.</summary>
public sealed record TableList(string Warehouse, IReadOnlyList<TableSummary> Tables, string Note);
