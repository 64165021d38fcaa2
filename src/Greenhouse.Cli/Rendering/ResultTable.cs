using Greenhouse.Query;
using System.Globalization;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

/// <summary>A query result as a table for people: values exactly as stored (<see cref="CellText"/>), NULL apart from the text 'NULL'.</summary>
internal static class ResultTable
{
    public static void Write(QueryResult result, string? title = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        foreach (var column in result.Columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in result.Rows)
        {
            table.AddRow([.. row.Select(Cell)]);
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"({Footer(result)})");
    }

    /// <summary>A NULL is <c>NULL</c> (dim on a colour terminal); the text 'NULL' is quoted, so the two never look alike.</summary>
    internal static string Cell(object? value) => value switch
    {
        null or DBNull => "[dim]NULL[/]",
        string s when s.Equals("NULL", StringComparison.OrdinalIgnoreCase) => Markup.Escape($"'{s}'"),
        _ => Markup.Escape(CellText.Of(value)),
    };

    /// <summary>"15,450 rows", "first 1,000 of 15,450 rows; …", or "first 10 rows; more were cut" (a --max-rows cut).</summary>
    internal static string Footer(QueryResult result)
    {
        var shown = result.Rows.Count;
        var counted = result.RowCount;
        var invariant = CultureInfo.InvariantCulture;
        return (result.Truncated, shown == counted) switch
        {
            (false, true) => string.Create(invariant, $"{counted:N0} row{(counted == 1 ? "" : "s")}"),
            (false, false) => string.Create(invariant, $"first {shown:N0} of {counted:N0} rows; --limit N shows more, --format csv or json shows them all"),
            (true, true) => result.CutNote!,
            (true, false) => string.Create(invariant, $"first {shown:N0} of the first {counted:N0} rows; --max-rows cut the rest"),
        };
    }
}
