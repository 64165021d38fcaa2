using System.Globalization;
using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>
/// Checks a row's typed values against the stream's columns before they are written, so a bad value fails
/// the batch with a message that names the stream, record and column (and fails it the same way in every dialect).
/// </summary>
internal static class ColumnValues
{
    private static readonly object Invalid = new();

    /// <summary>Returns the value as the column's CLR type: string, long, decimal, bool or a UTC DateTimeOffset.</summary>
    public static object? Normalize(StreamDescriptor stream, RecordRow row, int index)
    {
        var column = stream.Columns[index];
        var value = index < row.Values.Length
            ? row.Values[index]
            : throw new WarehouseException(
                $"Stream {stream.FullName}, record '{row.Id}': {row.Values.Length} values for {stream.Columns.Count} columns.");
        object? normalized = (column.Type, value) switch
        {
            (_, null) => null,
            (_, DBNull) => null,
            (ColumnType.Text, string s) => s,
            (ColumnType.Integer, long l) => l,
            (ColumnType.Integer, int i) => (long)i,
            (ColumnType.Integer, short s) => (long)s,
            (ColumnType.Integer, decimal d) when decimal.Truncate(d) == d && d >= long.MinValue && d <= long.MaxValue => (long)d,
            (ColumnType.Decimal, decimal d) => d,
            (ColumnType.Decimal, long l) => (decimal)l,
            (ColumnType.Decimal, int i) => (decimal)i,
            (ColumnType.Decimal, double d) when double.IsFinite(d) => (decimal)d,
            (ColumnType.Boolean, bool b) => b,
            (ColumnType.Timestamp, DateTimeOffset t) => t.ToUniversalTime(),
            (ColumnType.Timestamp, DateTime t) => new DateTimeOffset(
                t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()),
            _ => Invalid,
        };
        return ReferenceEquals(normalized, Invalid)
            ? throw new WarehouseException(string.Create(CultureInfo.InvariantCulture,
                $"Stream {stream.FullName}, record '{row.Id}': column '{column.Name}' is {column.Type} but the value is {value!.GetType().Name} '{value}'."))
            : normalized;
    }
}
