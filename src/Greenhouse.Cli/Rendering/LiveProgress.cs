using Greenhouse.Sources;
using Greenhouse.Sync;
using Spectre.Console;

namespace Greenhouse.Cli.Rendering;

/// <summary>
/// A live line for the run (<c>3 of 8 streams</c>) and one per stream (pages, records/s, new/updated/unchanged), each cut
/// to the terminal's width so the timer stays on its line.
/// </summary>
internal sealed class LiveProgress(ProgressContext context) : ISyncObserver
{
    /// <summary>What the spinner and the timer columns take beside the description.</summary>
    private const int Beside = 14;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProgressTask> _tasks = new();
    private ProgressTask? _run;
    private int _total;
    private int _done;
    private int _failed;

    private static int Width => Math.Max(20, SyncRenderer.Log.Profile.Width - Beside);

    public void RunStarted(int streams)
    {
        _total = streams;
        _run = context.AddTask(Markup.Escape(ProgressText.Streams(0, streams, 0)));
        _run.IsIndeterminate = true;
    }

    public void StreamStarted(string stream, SyncMode mode, bool resumed)
    {
        var task = context.AddTask(Markup.Escape(ProgressText.Fit(stream, [(Mode(mode, resumed), 1)], Width)));
        task.IsIndeterminate = true;
        _tasks[stream] = task;
    }

    public void PageCommitted(StreamProgress progress)
    {
        if (_tasks.TryGetValue(progress.Stream, out var task))
        {
            task.Description = Markup.Escape(ProgressText.Progress(progress, Width));
        }
    }

    public void Warning(string stream, string message) =>
        SyncRenderer.Log.MarkupLine($"[yellow]warning[/]: {Markup.Escape(Config.Secrets.Redact(message))}");

    public void Waiting(string message) => SyncRenderer.Log.MarkupLine(Markup.Escape(message));

    public void StreamFinished(StreamRunResult result)
    {
        var done = Interlocked.Increment(ref _done);
        var failed = result.Error is null ? _failed : Interlocked.Increment(ref _failed);
        if (_run is not null)
        {
            _run.Description = Markup.Escape(ProgressText.Streams(done, _total, failed));
            if (done == _total)
            {
                _run.IsIndeterminate = false;
                _run.Value = _run.MaxValue;
                _run.StopTask();
            }
        }

        if (_tasks.TryGetValue(result.Stream, out var task))
        {
            var status = result.Error is null ? "[green]done[/]" : "[red]failed[/]";
            task.Description = $"{status} " + Markup.Escape(ProgressText.Finished(result, Width - 7));
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    private static string Mode(SyncMode mode, bool resumed) =>
        (mode == SyncMode.FullRefresh ? "full refresh" : "incremental") + (resumed ? ", resumed" : "");
}
