using System.CommandLine;
using System.Globalization;
using Greenhouse.Cli.Rendering;
using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Cli.Commands;

internal static class SyncCommand
{
    public static Command Create()
    {
        var source = new Option<string[]>("--source") { Description = "Only this source (repeatable)" };
        var stream = new Option<string[]>("--stream") { Description = "Only this stream, e.g. stripe.customers (repeatable)" };
        var since = new Option<string?>("--since") { Description = "Incremental from this UTC date (yyyy-MM-dd) instead of the cursor" };
        var fullRefresh = new Option<bool>("--full-refresh") { Description = "Backfill everything; soft-delete rows the source no longer has" };
        var json = new Option<bool>("--json") { Description = "Print the run summary as JSON on stdout" };
        var command = new Command("sync", "Pull every configured stream into the warehouse") { source, stream, since, fullRefresh, json };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            var request = new SyncRequest(
                parseResult.GetValue(source),
                parseResult.GetValue(stream),
                parseResult.GetValue(fullRefresh),
                ParseSince(parseResult.GetValue(since)));
            var asJson = parseResult.GetValue(json);
            await using var warehouse = WarehouseFactory.Open(config);
            // Undeliverable notifications are logged as warnings on stderr; they never fail the run.
            using var loggers = LoggerFactory.Create(logging => logging
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddFilter((_, level) => level >= LogLevel.Warning));
            using var notifications = config.Notifications.Count > 0
                ? new NotificationService(config, warehouse, TimeProvider.System, loggers.CreateLogger<NotificationService>())
                : null;
            var run = new RunService(new SyncService(config, warehouse), notifications);
            var summary = await SyncRenderer.RunAsync(run, request, cancellationToken);
            // A one-shot sync (cron) has no scheduler between runs to check freshness: check it now.
            await run.CheckFreshnessAsync(CancellationToken.None);
            if (asJson)
            {
                Console.WriteLine(RunSummaryJson.Serialize(summary));
            }
            else
            {
                SyncRenderer.WriteSummary(summary);
            }

            return summary.Status switch
            {
                RunStatus.Succeeded => ExitCodes.Success,
                RunStatus.Interrupted => ExitCodes.Interrupted,
                _ => ExitCodes.RunFailed,
            };
        }));
        return command;
    }

    private static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since))
        {
            throw new ConfigException($"--since {text}: not a date; write it as yyyy-MM-dd (UTC), e.g. --since 2024-01-01");
        }

        if (since > DateTimeOffset.UtcNow)
        {
            Console.Error.WriteLine($"warning: --since {text} is in the future (now is {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC): the run will find nothing changed after it.");
        }

        return since;
    }
}
