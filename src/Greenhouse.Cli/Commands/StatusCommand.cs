using System.CommandLine;
using Greenhouse.Cli.Rendering;
using Greenhouse.Status;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Commands;

internal static class StatusCommand
{
    private static readonly string[] Columns = ["stream", "last success (UTC)", "stale for", "rows", "last run", "new", "updated", "unchanged", "deleted", "error"];

    private static readonly string[] ModelColumns = ["model", "materialized", "run", "built (UTC)", "status", "rows", "seconds", "error"];

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON on stdout (streams and models)" };
        var command = new Command("status", "Per stream: last successful sync, staleness, rows, and the last run's counts and error; per model: its last build") { json };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var config = CommonOptions.LoadConfig(parseResult);
            await using var warehouse = WarehouseFactory.Open(config);
            var service = new StatusService(config, warehouse);
            var statuses = await service.GetAsync(cancellationToken);
            var models = await service.GetModelsAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(StatusJson.Serialize(DateTimeOffset.UtcNow, statuses, models));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in Columns)
            {
                table.AddColumn(column);
            }

            foreach (var s in statuses)
            {
                var run = s.LastRun;
                table.AddRow(
                    Markup.Escape(s.Stream),
                    s.LastSuccess?.ToString("yyyy-MM-dd HH:mm:ss") ?? "[yellow]never[/]",
                    s.Staleness is { } stale ? s.Freshness switch
                    {
                        FreshnessLevel.Error => $"[red]{Age(stale)}[/]",
                        FreshnessLevel.Warn => $"[yellow]{Age(stale)}[/]",
                        _ => Age(stale),
                    } : "-",
                    $"{s.Rows:N0}",
                    run is null ? "-" : $"#{run.RunId} {run.Status.ToString().ToLowerInvariant()}",
                    $"{run?.New:N0}", $"{run?.Updated:N0}", $"{run?.Unchanged:N0}", $"{run?.Deleted:N0}",
                    run?.Error is { } error ? $"[red]{Markup.Escape(StreamError.Beside(s.Stream, error))}[/]" : "");
            }

            AnsiConsole.Write(table);
            if (models.Count > 0)
            {
                var modelTable = new Table().Border(TableBorder.Rounded).Title("models");
                foreach (var column in ModelColumns)
                {
                    modelTable.AddColumn(column);
                }

                foreach (var m in models)
                {
                    modelTable.AddRow(
                        Markup.Escape(m.Node), m.Materialization, $"#{m.RunId}", m.FinishedAt.ToString("yyyy-MM-dd HH:mm:ss"),
                        m.Status == ModelRunStatus.Succeeded ? "[green]succeeded[/]" : $"[red]{m.Status.ToString().ToLowerInvariant()}[/]",
                        m.RowsAffected is { } rows ? $"{rows:N0}" : "", $"{m.Seconds:0.00}", m.Error is { } error ? $"[red]{Markup.Escape(error)}[/]" : "");
                }

                AnsiConsole.Write(modelTable);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => $"{age.TotalSeconds:0}s",
        { TotalHours: < 1 } => $"{age.TotalMinutes:0}m",
        { TotalDays: < 2 } => $"{age.TotalHours:0.#}h",
        _ => $"{age.TotalDays:0.#}d",
    };
}
