using System.Globalization;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

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
            table.AddRow([.. row.Select(value => Markup.Escape(Format(value)))]);
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(result.CutNote is { } cut ? $"({cut})" : $"({result.Rows.Count} row{(result.Rows.Count == 1 ? "" : "s")})");
    }

    private static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        double d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("#,0.##", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
