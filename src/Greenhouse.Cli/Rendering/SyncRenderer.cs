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
        var streams = summary.Streams;
        static string Count(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        var table = new FittedTable()
            .Add("stream", streams.Select(s => Markup.Escape(s.Stream)), whole: true)
            .Add("status", streams.Select(s => s.Status == Warehouse.RunStatus.Succeeded ? "[green]succeeded[/]" : $"[red]{s.Status.ToString().ToLowerInvariant()}[/]"))
            .Add("mode", streams.Select(s => Mode(s, compact: false)), compact: streams.Select(s => Mode(s, compact: true)))
            .Add("new", streams.Select(s => Count(s.Counts.New)), Justify.Right)
            .Add("updated", streams.Select(s => Count(s.Counts.Updated)), Justify.Right)
            .Add("unchanged", streams.Select(s => Count(s.Counts.Unchanged)), Justify.Right)
            .Add("deleted", streams.Select(s => Count(s.Counts.Deleted)), Justify.Right)
            .Add("warnings", streams.Select(s => Count(s.Warnings)), Justify.Right)
            .Add("pages", streams.Select(s => Count(s.Pages)), Justify.Right)
            .Add("seconds", streams.Select(s => s.Duration.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)), Justify.Right)
            .Build(
                AnsiConsole.Profile.Width,
                $"run {summary.RunId}: {summary.Status.ToString().ToLowerInvariant()} in {summary.Duration.TotalSeconds:0.0}s ({ProgressText.Streams(streams.Count, streams.Count, streams.Count(s => s.Error is not null))})",
                [
                    .. streams.All(s => s.Warnings == 0) ? [FittedTable.Drop("warnings")] : Array.Empty<(string, bool)>(),
                    .. streams.All(s => s.Counts.Deleted == 0) ? [FittedTable.Drop("deleted")] : Array.Empty<(string, bool)>(),
                    FittedTable.Drop("pages"),
                    FittedTable.Compact("mode"),
                    FittedTable.Drop("seconds"),
                    FittedTable.Drop("mode"),
                    FittedTable.Drop("warnings"),
                    FittedTable.Drop("deleted"),
                ]);
        AnsiConsole.Write(table);
        foreach (var failed in summary.Streams.Where(s => s.Error is not null))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(failed.Stream)}[/]: {Markup.Escape(StreamError.Beside(failed.Stream, failed.Error!))}");
        }
    }

    private static string Mode(StreamRunResult stream, bool compact) =>
        (stream.Mode == Sources.SyncMode.FullRefresh ? compact ? "full" : "full refresh" : compact ? "incr." : "incremental")
        + (stream.Resumed ? compact ? "+" : " (resumed)" : "");
}
