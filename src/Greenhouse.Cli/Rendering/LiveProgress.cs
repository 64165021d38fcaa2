using Greenhouse.Sources;
using Greenhouse.Sync;
using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

/// <summary>A live line per stream: pages, records/s and new/updated/unchanged as pages commit.</summary>
internal sealed class LiveProgress(ProgressContext context) : ISyncObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProgressTask> _tasks = new();

    public void StreamStarted(string stream, SyncMode mode, bool resumed)
    {
        var task = context.AddTask(Markup.Escape($"{stream} ({(mode == SyncMode.FullRefresh ? "full refresh" : "incremental")}{(resumed ? ", resumed" : "")})"));
        task.IsIndeterminate = true;
        _tasks[stream] = task;
    }

    public void PageCommitted(StreamProgress progress)
    {
        if (_tasks.TryGetValue(progress.Stream, out var task))
        {
            task.Description = Markup.Escape(
                $"{progress.Stream}: {progress.Pages} pages · {progress.Records:N0} rec · {progress.RecordsPerSecond:N0}/s · " +
                $"new {progress.Counts.New:N0} · upd {progress.Counts.Updated:N0} · same {progress.Counts.Unchanged:N0}");
        }
    }

    public void Warning(string stream, string message) =>
        SyncRenderer.Log.MarkupLine($"[yellow]warning[/]: {Markup.Escape(Config.Secrets.Redact(message))}");

    public void Waiting(string message) => SyncRenderer.Log.MarkupLine(Markup.Escape(message));

    public void StreamFinished(StreamRunResult result)
    {
        if (_tasks.TryGetValue(result.Stream, out var task))
        {
            var status = result.Error is null ? "[green]done[/]" : "[red]failed[/]";
            task.Description = $"{status} " + Markup.Escape(
                $"{result.Stream}: {result.Pages} pages · {result.Records:N0} rec · new {result.Counts.New:N0} · upd {result.Counts.Updated:N0} · " +
                $"same {result.Counts.Unchanged:N0} · del {result.Counts.Deleted:N0}");
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
