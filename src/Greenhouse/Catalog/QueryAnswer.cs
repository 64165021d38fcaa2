using System.Text.Json.Nodes;

namespace Greenhouse.Catalog;

/// <summary>
/// What the <c>query</c> tool answers: the columns, their types, the rows (each an array in column order), and
/// whether and how the answer was cut (<see cref="Note"/>: "first 100 of 48,210 rows …").
/// </summary>
/// <param name="TotalRows">How many rows the query has in all; null when it was cut and counting them failed or took too long.</param>
/// <param name="CutBy">Null when nothing was cut; else <c>max_rows</c> or <c>characters</c> (the answer's size limit).</param>
/// <param name="ValuesCut">Some text values were longer than the value limit and were cut.</param>
public sealed record QueryAnswer(
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> ColumnTypes,
    IReadOnlyList<JsonArray> Rows,
    int ReturnedRows,
    long? TotalRows,
    bool Truncated,
    string? CutBy,
    bool ValuesCut,
    string? Note);
