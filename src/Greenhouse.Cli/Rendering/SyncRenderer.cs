using Greenhouse.Sync;
using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

/// <summary>Runs a sync with a live progress display on a terminal, or plain log lines when not on one.</summary>
internal static class SyncRenderer
{
    /// <summary>Progress and logs go to stderr, so stdout holds only data (the table or --json).</summary>
    public static readonly IAnsiConsole Log = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static async Task<RunSummary> RunAsync(RunService service, SyncRequest request, CancellationToken cancellationToken)
    {
        if (Console.IsErrorRedirected || !Log.Profile.Capabilities.Interactive)
        {
            return await service.RunAsync(request, new PlainProgress(), cancellationToken);
        }

        RunSummary? summary = null;
        await Log.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                summary = await service.RunAsync(request, new LiveProgress(context), cancellationToken);
            });
        return summary!;
    }

    public static void WriteSummary(RunSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"run {summary.RunId}: {summary.Status.ToString().ToLowerInvariant()} in {summary.Duration.TotalSeconds:0.0}s");
        foreach (var column in new[] { "stream", "status", "mode", "new", "updated", "unchanged", "deleted", "warnings", "pages", "seconds" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column is "stream" or "status" or "mode" ? Justify.Left : Justify.Right });
        }

        foreach (var s in summary.Streams)
        {
            table.AddRow(
                Markup.Escape(s.Stream),
                s.Status == Warehouse.RunStatus.Succeeded ? "[green]succeeded[/]" : $"[red]{s.Status.ToString().ToLowerInvariant()}[/]",
                (s.Mode == Sources.SyncMode.FullRefresh ? "full refresh" : "incremental") + (s.Resumed ? " (resumed)" : ""),
                $"{s.Counts.New:N0}", $"{s.Counts.Updated:N0}", $"{s.Counts.Unchanged:N0}", $"{s.Counts.Deleted:N0}",
                $"{s.Warnings:N0}", $"{s.Pages:N0}", $"{s.Duration.TotalSeconds:0.0}");
        }

        AnsiConsole.Write(table);
        foreach (var failed in summary.Streams.Where(s => s.Error is not null))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(failed.Stream)}[/]: {Markup.Escape(StreamError.Beside(failed.Stream, failed.Error!))}");
        }
    }
}
