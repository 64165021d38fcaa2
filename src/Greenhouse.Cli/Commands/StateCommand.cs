using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.State;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

internal static class StateCommand
{
    /// <summary>Non-ASCII and quotes as they are: JSON for people to read as well as for jq.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var showStream = new Argument<string?>("stream") { Description = "A stream such as stripe.customers (all when omitted)", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "Print the stored cursors as JSON lines: {\"stream\", \"partition\", \"updated_at\", \"state\"}") { showStream };
        show.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            foreach (var entry in await new StateService(warehouse).ShowAsync(parseResult.GetValue(showStream), cancellationToken))
            {
                Console.WriteLine(new JsonObject
                {
                    ["stream"] = entry.Stream,
                    ["partition"] = entry.Partition.Length == 0 ? null : entry.Partition,
                    ["updated_at"] = entry.UpdatedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
                    ["state"] = entry.Value.DeepClone(),
                }.ToJsonString(Readable));
            }

            return ExitCodes.Success;
        }));

        var resetStream = new Argument<string>("stream") { Description = "The stream whose cursors to forget; its next sync is a full refresh" };
        var reset = new Command("reset", "Forget a stream's cursors (and any half-done run); the next sync backfills it") { resetStream };
        reset.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            await using var warehouse = WarehouseFactory.Open(config);
            var stream = parseResult.GetValue(resetStream)!;
            var known = Sync.SyncPlan.For(config).Streams.Select(d => d.FullName).ToList();
            var removed = await new StateService(warehouse).ResetAsync(stream, known, cancellationToken);
            Console.WriteLine(removed == 0
                ? $"{stream} had no stored state; its next sync is a full refresh anyway."
                : $"Forgot {removed} cursor(s) of {stream}; its next sync is a full refresh.");
            return ExitCodes.Success;
        }));

        return new Command("state", "Read or clear the sync state kept in the warehouse") { show, reset };
    }
}
