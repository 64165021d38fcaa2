using System.CommandLine;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

/// <summary>
/// <c>greenhouse migrate</c>: creates or updates Greenhouse's metadata tables, as the first sync would. Read-side commands
/// (<c>query</c>, <c>status</c>, <c>state show</c>) never do; they say to run this (or a sync) when the tables are missing or old.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or update Greenhouse's metadata tables in the warehouse (sync does this itself)");
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            await warehouse.MigrateAsync(cancellationToken);
            await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
            Console.WriteLine($"The warehouse at {warehouse.Description} is up to date.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
