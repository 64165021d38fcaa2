using System.CommandLine;
using Greenhouse.State;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

internal static class StateCommand
{
    public static Command Create()
    {
        var showStream = new Argument<string?>("stream") { Description = "A stream such as stripe.customers (all when omitted)", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "Print the stored cursors as JSON lines") { showStream };
        show.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            foreach (var entry in await new StateService(warehouse).ShowAsync(parseResult.GetValue(showStream), cancellationToken))
            {
                Console.WriteLine($"{entry.Stream}\t{(entry.Partition.Length == 0 ? "-" : entry.Partition)}\t{entry.UpdatedAt:O}\t{entry.Value.ToJsonString()}");
            }

            return ExitCodes.Success;
        }));

        var resetStream = new Argument<string>("stream") { Description = "The stream whose cursors to forget; its next sync is a full refresh" };
        var reset = new Command("reset", "Forget a stream's cursors (and any half-done run); the next sync backfills it") { resetStream };
        reset.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var stream = parseResult.GetValue(resetStream)!;
            var removed = await new StateService(warehouse).ResetAsync(stream, cancellationToken);
            Console.WriteLine(removed == 0 ? $"{stream} had no stored state." : $"Forgot {removed} cursor(s) of {stream}; its next sync is a full refresh.");
            return ExitCodes.Success;
        }));

        return new Command("state", "Read or clear the sync state kept in the warehouse") { show, reset };
    }
}
