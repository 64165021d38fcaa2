namespace Greenhouse.Warehouse;

/// <summary>The columns and rows of an ad-hoc query; values are CLR values as the driver returned them.</summary>
/// <param name="ColumnTypes">
/// Each column's type as the database names it (PostgreSQL: <c>text</c>, <c>bigint</c>, <c>timestamp with time zone</c>…;
/// SQLite: a table column's declared type, else the storage class of its first value, <c>INTEGER</c>, <c>REAL</c>, <c>TEXT</c> or <c>BLOB</c>).
/// </param>
/// <param name="Truncated">More rows than <see cref="QueryOptions.MaxRows"/> were there; only that many were kept.</param>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<string> ColumnTypes, IReadOnlyList<object?[]> Rows, bool Truncated = false)
{
    private readonly long? _rowCount;

    public static QueryResult Empty { get; } = new([], [], []);

    /// <summary>How many rows the statement returned as far as it was read: more than <see cref="Rows"/> holds when <see cref="QueryOptions.KeepRows"/> kept fewer.</summary>
    public long RowCount
    {
        get => _rowCount ?? Rows.Count;
        init => _rowCount = value;
    }

    /// <summary>What to tell the reader when a limit cut the result ("first 100 rows; more were cut"); null when nothing was cut.</summary>
    public string? CutNote => Truncated
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"first {Rows.Count:N0} row{(Rows.Count == 1 ? "" : "s")}; more were cut")
        : null;
}
