using Greenhouse.Sources;
using Greenhouse.Sync;

namespace Greenhouse.Cli.Rendering;

/// <summary>One log line per event on stderr, for CI logs, cron mail and pipes; the same words as the live display.</summary>
internal sealed class PlainProgress : ISyncObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _lastLine = new();
    private int _total;
    private int _done;
    private int _failed;

    public void RunStarted(int streams) => _total = streams;

    public void StreamStarted(string stream, SyncMode mode, bool resumed) =>
        Write($"{stream}: started ({(mode == SyncMode.FullRefresh ? "full refresh" : "incremental")}{(resumed ? ", resuming the last checkpoint" : "")})");

    public void PageCommitted(StreamProgress progress)
    {
        // At most one line per stream every 5 seconds: a large backfill should not print a line per page.
        var now = DateTimeOffset.UtcNow;
        if (_lastLine.TryGetValue(progress.Stream, out var last) && now - last < TimeSpan.FromSeconds(5))
        {
            return;
        }

        _lastLine[progress.Stream] = now;
        Write(ProgressText.Progress(progress, int.MaxValue));
    }

    public void Warning(string stream, string message) => Write($"warning: {message}");

    public void Waiting(string message) => Write(message);

    public void StreamFinished(StreamRunResult result)
    {
        var done = Interlocked.Increment(ref _done);
        var failed = result.Error is null ? _failed : Interlocked.Increment(ref _failed);
        var streams = _total > 0 ? $" ({ProgressText.Streams(done, _total, failed)})" : "";
        Write(result.Error is null
            ? $"{result.Stream}: {result.Status.ToString().ToLowerInvariant()} in {result.Duration.TotalSeconds:0.0}s: "
              + $"{ProgressText.Pages(result.Pages)}, {ProgressText.Records(result.Records)}: {string.Join(", ", ProgressText.Counts(result.Records, result.Counts))}{streams}"
            : $"{result.Stream}: {result.Status.ToString().ToLowerInvariant()}: {StreamError.Beside(result.Stream, result.Error)}{streams}");
    }

    private static void Write(string line) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {Config.Secrets.Redact(line)}");
}
