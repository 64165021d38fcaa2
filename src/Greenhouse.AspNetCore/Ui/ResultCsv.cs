using System.Text;
using Greenhouse.Query;
using Greenhouse.Warehouse;

namespace Greenhouse.Serve.Ui;

/// <summary>A query result as CSV (RFC 4180): a header of the column names, values exactly as stored, NULL as an empty field.</summary>
public static class ResultCsv
{
    public static string Write(QueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder();
        csv.AppendJoin(',', result.Columns.Select(Field)).Append("\r\n");
        foreach (var row in result.Rows)
        {
            csv.AppendJoin(',', row.Select(value => value is null or DBNull ? "" : Field(CellText.Of(value)))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
