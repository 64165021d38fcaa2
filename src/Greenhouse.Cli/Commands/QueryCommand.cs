using System.CommandLine;
using Greenhouse.Cli.Rendering;
using Greenhouse.Query;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL to run" };
        var warehouse = new Option<string?>("--warehouse") { Description = "Query this warehouse (e.g. sqlite:greenhouse-demo.db) instead of the config's" };
        var command = new Command("query", "Run SQL against the warehouse and print the result") { sql, warehouse };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var opened = parseResult.GetValue(warehouse) is { } spec
                ? WarehouseFactory.Open(WarehouseSetting.Parse(spec, Environment.CurrentDirectory))
                : WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var result = await new QueryService(opened).RunAsync(parseResult.GetValue(sql)!, cancellationToken);
            ResultTable.Write(result);
            return ExitCodes.Success;
        }));
        return command;
    }
}
