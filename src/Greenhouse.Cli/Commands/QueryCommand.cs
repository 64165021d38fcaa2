using System.CommandLine;
using Greenhouse.Cli.Rendering;
using Greenhouse.Query;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

internal static class QueryCommand
{
    private const int DefaultMaxRows = 10_000;

    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL to run (one statement; read-only unless --write)" };
        var warehouse = new Option<string?>("--warehouse") { Description = "Query this warehouse (e.g. sqlite:greenhouse-demo.db) instead of the config's" };
        var write = new Option<bool>("--write") { Description = "Run with the warehouse owner's rights, so the SQL may change data (no row limit, no timeout)" };
        var maxRows = new Option<int>("--max-rows") { Description = "Print at most this many rows of a read", DefaultValueFactory = _ => DefaultMaxRows };
        var timeout = new Option<int>("--timeout") { Description = "Stop a read after this many seconds", DefaultValueFactory = _ => (int)QueryService.DefaultTimeout.TotalSeconds };
        var command = new Command("query", "Run SQL against the warehouse and print the result") { sql, warehouse, write, maxRows, timeout };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            if (parseResult.GetValue(maxRows) < 1 || parseResult.GetValue(timeout) < 1)
            {
                Console.Error.WriteLine("error: --max-rows and --timeout need a whole number of 1 or more.");
                return ExitCodes.BadConfig;
            }

            await using var opened = parseResult.GetValue(warehouse) is { } spec
                ? WarehouseFactory.Open(WarehouseSetting.Parse(spec, Environment.CurrentDirectory))
                : WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var service = new QueryService(opened);
            QueryResult result;
            try
            {
                result = parseResult.GetValue(write)
                    ? await service.RunAsync(parseResult.GetValue(sql)!, cancellationToken)
                    : await service.RunAsync(
                        parseResult.GetValue(sql)!,
                        QueryService.Read(parseResult.GetValue(maxRows), TimeSpan.FromSeconds(parseResult.GetValue(timeout))),
                        cancellationToken);
            }
            catch (WarehouseException e) when (e.WriteRefused)
            {
                Console.Error.WriteLine($"error: read-only; pass --write to change data. {e.Message}");
                return ExitCodes.BadConfig;
            }

            ResultTable.Write(result);
            return ExitCodes.Success;
        }));
        return command;
    }
}
