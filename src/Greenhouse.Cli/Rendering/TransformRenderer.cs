using Greenhouse.Config;
using Greenhouse.Status;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

/// <summary>Runs a transform with a live line per node on a terminal, or dbt-style plain lines otherwise; then the summary table.</summary>
internal static class TransformRenderer
{
    public static async Task<TransformRunResult> RunAsync(TransformService service, CompiledProject project, IReadOnlyCollection<string> selected,
        TransformRunOptions options, CancellationToken cancellationToken)
    {
        var total = project.TransformNodes.Count(n => selected.Contains(n.UniqueId) && n.Materialization != Greenhouse.Transform.Materialization.Ephemeral);
        if (Console.IsErrorRedirected || !SyncRenderer.Log.Profile.Capabilities.Interactive)
        {
            return await service.RunAsync(project, selected, options, new PlainLines(total), cancellationToken);
        }

        TransformRunResult? result = null;
        await SyncRenderer.Log.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => result = await service.RunAsync(project, selected, options, new LiveLines(context), cancellationToken));
        return result!;
    }

    public static void WriteSummary(CompiledProject project, TransformRunResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"transform run {result.RunId}: {result.Status.ToString().ToLowerInvariant()} in {result.Elapsed.TotalSeconds:0.0}s");
        foreach (var column in new[] { "node", "materialized", "status", "rows", "seconds" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column is "rows" or "seconds" ? Justify.Right : Justify.Left });
        }

        foreach (var node in result.Nodes)
        {
            table.AddRow(Markup.Escape(node.Node), node.Materialization, Status(node.Status), node.RowsAffected is { } rows ? $"{rows:N0}" : "", $"{node.Seconds:0.00}");
        }

        AnsiConsole.Write(table);
        foreach (var failed in result.Nodes.Where(n => n.Status is ModelRunStatus.Failed or ModelRunStatus.Warned))
        {
            var compiled = TransformService.CompiledPath(project, failed.Node) is { } path
                ? $" (compiled SQL: {Path.GetRelativePath(Environment.CurrentDirectory, path)})"
                : "";
            var color = failed.Status == ModelRunStatus.Warned ? "yellow" : "red";
            AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(failed.Node)}[/]: {Markup.Escape(failed.Error ?? "")}{Markup.Escape(compiled)}");
        }

        var counts = result.Nodes.GroupBy(n => n.Status).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        AnsiConsole.MarkupLine(Markup.Escape($"Done. {string.Join(", ", counts)}."));
    }

    /// <summary><c>transform source freshness</c>: each stream, its last success and age, its limits, and pass/warn/error.</summary>
    public static void WriteFreshness(IReadOnlyList<StreamFreshness> streams)
    {
        if (streams.Count == 0)
        {
            AnsiConsole.MarkupLine("No stream has a freshness limit. Set freshness: on a source in the project (dbt's warn_after/error_after) or max_staleness: in greenhouse.yml.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("source freshness");
        foreach (var column in new[] { "stream", "last success (UTC)", "age", "warn after", "error after", "status" })
        {
            table.AddColumn(column);
        }

        foreach (var s in streams)
        {
            table.AddRow(
                Markup.Escape(s.Stream),
                s.LastSuccess?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "never",
                s.Staleness is { } age ? Duration.Format(age) : "-",
                s.Policy.WarnAfter is { } warn ? Duration.Format(warn) : "-",
                s.Policy.ErrorAfter is { } error ? Duration.Format(error) : "-",
                s.Level switch
                {
                    FreshnessLevel.Pass => "[green]pass[/]",
                    FreshnessLevel.Warn => "[yellow]warn[/]",
                    _ => "[red]error[/]",
                });
        }

        AnsiConsole.Write(table);
        var counts = streams.GroupBy(s => s.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        AnsiConsole.MarkupLine(Markup.Escape($"Done. {string.Join(", ", counts)}."));
    }

    private static string Status(ModelRunStatus status) => status switch
    {
        ModelRunStatus.Succeeded => "[green]ok[/]",
        ModelRunStatus.Warned => "[yellow]warn[/]",
        ModelRunStatus.Skipped => "[yellow]skipped[/]",
        _ => $"[red]{status.ToString().ToLowerInvariant()}[/]",
    };

    /// <summary>A data test's result in dbt's words: <c>PASS</c>, <c>WARN 3</c>, <c>FAIL 3</c>, <c>ERROR</c>.</summary>
    private static string TestLine(TransformNode node, ModelRunRecord result) => result.Status switch
    {
        ModelRunStatus.Succeeded => $"PASS {node.UniqueId} in {result.Seconds:0.00}s",
        ModelRunStatus.Warned => $"WARN {result.RowsAffected:N0} {node.UniqueId}: {result.Error}",
        ModelRunStatus.Failed when result.RowsAffected is > 0 => $"FAIL {result.RowsAffected:N0} {node.UniqueId}: {result.Error}",
        ModelRunStatus.Skipped => $"SKIP {node.UniqueId}: {result.Error}",
        _ => $"ERROR {node.UniqueId}: {result.Error}",
    };

    /// <summary>dbt's lines: <c>1 of 8 START view model.shop.stg_orders</c>, then <c>OK</c>/<c>ERROR</c>/<c>SKIP</c> with the time.</summary>
    private sealed class PlainLines(int total) : ITransformObserver
    {
        private int _started;

        public void NodeStarted(TransformNode node) =>
            Write($"{Interlocked.Increment(ref _started)} of {total} START {Text(node.Materialization)} {node.UniqueId}");

        public void NodeFinished(TransformNode node, ModelRunRecord result) => Write(node.Kind == NodeKind.Test ? TestLine(node, result) : result.Status switch
        {
            ModelRunStatus.Succeeded => $"OK {Text(node.Materialization)} {node.UniqueId}{(result.RowsAffected is { } rows ? $" ({rows:N0} rows)" : "")} in {result.Seconds:0.00}s",
            ModelRunStatus.Skipped => $"SKIP {node.UniqueId}: {result.Error}",
            _ => $"ERROR {node.UniqueId}: {result.Error}",
        });

        public void Waiting(string message) => Write(message);

        private static string Text(Greenhouse.Transform.Materialization materialization) => materialization.ToString().ToLowerInvariant();

        private static void Write(string line) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {Config.Secrets.Redact(line)}");
    }

    private sealed class LiveLines(ProgressContext context) : ITransformObserver
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void NodeStarted(TransformNode node)
        {
            var task = context.AddTask(Markup.Escape($"{node.UniqueId} ({node.Materialization.ToString().ToLowerInvariant()})"));
            task.IsIndeterminate = true;
            _tasks[node.UniqueId] = task;
        }

        public void NodeFinished(TransformNode node, ModelRunRecord result)
        {
            if (!_tasks.TryGetValue(node.UniqueId, out var task))
            {
                task = context.AddTask("");
            }

            task.Description = $"{Status(result.Status)} {Markup.Escape(node.UniqueId)}";
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }

        public void Waiting(string message) => SyncRenderer.Log.MarkupLine(Markup.Escape(message));
    }
}
