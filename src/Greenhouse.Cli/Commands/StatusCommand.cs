using System.CommandLine;
using System.Globalization;
using Greenhouse.Cli.Rendering;
using Greenhouse.Status;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON on stdout (streams and models)" };
        var command = new Command("status", "Per stream: last successful sync, staleness, rows, and the last run's counts and error; per model: its last build") { json };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            await using var warehouse = WarehouseFactory.Open(config);
            var service = new StatusService(config, warehouse);
            var statuses = await service.GetAsync(cancellationToken: cancellationToken);
            var models = await service.GetModelsAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(StatusJson.Serialize(DateTimeOffset.UtcNow, statuses, models));
                return ExitCodes.Success;
            }

            static string Count(int? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "";
            var table = new FittedTable()
                .Add("stream", statuses.Select(s => Markup.Escape(s.Stream)), whole: true)
                .Add("last success (UTC)", statuses.Select(s => s.LastSuccess?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "[yellow]never[/]"))
                .Add("stale for", statuses.Select(s => s.Staleness is { } stale ? s.Freshness switch
                {
                    FreshnessLevel.Error => $"[red]{Age(stale)}[/]",
                    FreshnessLevel.Warn => $"[yellow]{Age(stale)}[/]",
                    _ => Age(stale),
                } : s.LastSuccess is null ? "[yellow]never[/]" : "-"), Justify.Right)
                .Add("rows", statuses.Select(s => s.Rows.ToString("N0", CultureInfo.InvariantCulture)), Justify.Right)
                .Add("last run", statuses.Select(s => LastRun(s.LastRun, compact: false)), compact: statuses.Select(s => LastRun(s.LastRun, compact: true)))
                .Add("new", statuses.Select(s => Count(s.LastRun?.New)), Justify.Right)
                .Add("updated", statuses.Select(s => Count(s.LastRun?.Updated)), Justify.Right)
                .Add("unchanged", statuses.Select(s => Count(s.LastRun?.Unchanged)), Justify.Right)
                .Add("deleted", statuses.Select(s => Count(s.LastRun?.Deleted)), Justify.Right)
                .Add("error", statuses.Select(s => s.LastRun?.Error is { } error ? $"[red]{Markup.Escape(StreamError.Beside(s.Stream, error))}[/]" : ""), flexible: true)
                .Build(
                    AnsiConsole.Profile.Width,
                    null,
                    FittedTable.Drop("deleted"),
                    FittedTable.Drop("updated"),
                    FittedTable.Drop("new"),
                    FittedTable.Drop("unchanged"),
                    FittedTable.Compact("last run"),
                    FittedTable.Drop("last success (UTC)"));
            AnsiConsole.Write(table);
            if (models.Count > 0)
            {
                var modelTable = new FittedTable()
                    .Add("model", models.Select(m => Markup.Escape(m.Node)), whole: true)
                    .Add("materialized", models.Select(m => m.Materialization))
                    .Add("run", models.Select(m => $"#{m.RunId}"))
                    .Add("built (UTC)", models.Select(m => m.FinishedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                    .Add("status", models.Select(m => m.Status == ModelRunStatus.Succeeded ? "[green]succeeded[/]" : $"[red]{m.Status.ToString().ToLowerInvariant()}[/]"))
                    .Add("rows", models.Select(m => m.RowsAffected is { } rows ? rows.ToString("N0", CultureInfo.InvariantCulture) : ""), Justify.Right)
                    .Add("seconds", models.Select(m => m.Seconds.ToString("0.00", CultureInfo.InvariantCulture)), Justify.Right)
                    .Add("error", models.Select(m => m.Error is { } error ? $"[red]{Markup.Escape(error)}[/]" : ""), flexible: true)
                    .Build(
                        AnsiConsole.Profile.Width,
                        "models",
                        FittedTable.Drop("seconds"),
                        FittedTable.Drop("run"),
                        FittedTable.Drop("materialized"),
                        FittedTable.Drop("built (UTC)"));
                AnsiConsole.Write(modelTable);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string LastRun(Warehouse.StreamRunRecord? run, bool compact) => run is null
        ? "-"
        : compact && run.Status == RunStatus.Succeeded ? $"#{run.RunId} ok" : $"#{run.RunId} {run.Status.ToString().ToLowerInvariant()}";

    private static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => $"{age.TotalSeconds:0}s",
        { TotalHours: < 1 } => $"{age.TotalMinutes:0}m",
        { TotalDays: < 2 } => $"{age.TotalHours:0.#}h",
        _ => $"{age.TotalDays:0.#}d",
    };
}
