using System.CommandLine;
using Greenhouse.Cli.Rendering;
using Greenhouse.Query;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

internal static class QueryCommand
{
    private const int DefaultTableRows = 1_000;

    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL to run (one statement; read-only unless --write)" };
        var warehouse = new Option<string?>("--warehouse") { Description = "Query this warehouse (e.g. sqlite:greenhouse-demo.db) instead of the config's" };
        var write = new Option<bool>("--write") { Description = "Run with the warehouse owner's rights, so the SQL may change data (no row limit, no timeout)" };
        var format = new Option<QueryFormat>("--format") { Description = "table (for people), csv, or json (one object per row and line)", DefaultValueFactory = _ => QueryFormat.Table };
        var limit = new Option<int>("--limit") { Description = "Show at most this many rows in the table; the rest are counted (csv and json print every row)", DefaultValueFactory = _ => DefaultTableRows };
        var maxRows = new Option<int?>("--max-rows") { Description = "Read at most this many rows, then stop the query (default: no limit)" };
        var timeout = new Option<int>("--timeout") { Description = "Stop a read after this many seconds", DefaultValueFactory = _ => (int)QueryService.DefaultTimeout.TotalSeconds };
        var command = new Command("query", "Run SQL against the warehouse and print the result") { sql, warehouse, write, format, limit, maxRows, timeout };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            if (parseResult.GetValue(maxRows) < 1 || parseResult.GetValue(timeout) < 1 || parseResult.GetValue(limit) < 1)
            {
                Console.Error.WriteLine("error: --limit, --max-rows and --timeout need a whole number of 1 or more.");
                return ExitCodes.BadConfig;
            }

            var output = parseResult.GetValue(format);
            await using var opened = parseResult.GetValue(warehouse) is { } spec
                ? WarehouseFactory.Open(WarehouseSetting.Parse(spec, Environment.CurrentDirectory))
                : WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var service = new QueryService(opened);
            var options = parseResult.GetValue(write)
                ? QueryOptions.Unrestricted
                : QueryService.Read(parseResult.GetValue(maxRows), TimeSpan.FromSeconds(parseResult.GetValue(timeout)));
            options = options with { KeepRows = output == QueryFormat.Table ? parseResult.GetValue(limit) : null };
            QueryResult result;
            try
            {
                result = await service.RunAsync(parseResult.GetValue(sql)!, options, cancellationToken);
            }
            catch (WarehouseException e) when (e.WriteRefused)
            {
                Console.Error.WriteLine($"error: read-only; pass --write to change data. {e.Message}");
                return ExitCodes.BadConfig;
            }

            switch (output)
            {
                case QueryFormat.Csv:
                    ResultLines.WriteCsv(result, Console.Out);
                    break;
                case QueryFormat.Json:
                    await using (var stdout = Console.OpenStandardOutput())
                    {
                        ResultLines.WriteJson(result, stdout);
                    }

                    break;
                default:
                    ResultTable.Write(result);
                    break;
            }

            if (output != QueryFormat.Table && result.CutNote is { } cut)
            {
                Console.Error.WriteLine($"note: {cut} (--max-rows)");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
