using System.Data.Common;

namespace Greenhouse.Warehouse;

/// <summary>Reads a query's result set into a <see cref="QueryResult"/> the same way in both dialects.</summary>
internal static class QueryReader
{
    /// <summary>
    /// The reader's current result set: at most <paramref name="maxRows"/> rows (null: all), of which the first
    /// <paramref name="keepRows"/> are kept (null: all) and the rest only counted.
    /// </summary>
    public static async Task<QueryResult> ReadAsync(DbDataReader reader, int? maxRows, CancellationToken cancellationToken, int? keepRows = null)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        string[]? types = null;
        var rows = new List<object?[]>();
        var truncated = false;
        var count = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            // SQLite names an expression's type from its value, so read the types at the first row.
            types ??= Types(reader);
            if (count == maxRows)
            {
                truncated = true;
                break;
            }

            count++;
            if (rows.Count == keepRows)
            {
                continue;
            }

            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new QueryResult(columns, types ?? Types(reader), rows, truncated) { RowCount = count };
    }

    /// <summary>What a query that outlived <see cref="QueryOptions.Timeout"/> throws, in both dialects.</summary>
    public static WarehouseException TimedOut(TimeSpan timeout, Exception inner) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Query stopped: it ran longer than its timeout of {timeout.TotalSeconds:0.###} s."), inner);

    private static string[] Types(DbDataReader reader) => [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName)];
}
