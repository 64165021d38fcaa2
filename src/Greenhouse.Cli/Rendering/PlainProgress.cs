using Greenhouse.Sources;
using Greenhouse.Sync;

namespace Greenhouse.Cli.Rendering;

/// <summary>One log line per event on stderr, for CI logs, cron mail and pipes.</summary>
internal sealed class PlainProgress : ISyncObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _lastLine = new();

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
        Write($"{progress.Stream}: {progress.Pages} pages, {progress.Records:N0} records ({progress.RecordsPerSecond:N0}/s), " +
              $"new {progress.Counts.New:N0}, updated {progress.Counts.Updated:N0}, unchanged {progress.Counts.Unchanged:N0}");
    }

    public void Warning(string stream, string message) => Write($"warning: {message}");

    public void Waiting(string message) => Write(message);

    public void StreamFinished(StreamRunResult result) => Write(result.Error is null
        ? $"{result.Stream}: {result.Status.ToString().ToLowerInvariant()} in {result.Duration.TotalSeconds:0.0}s: new {result.Counts.New:N0}, updated {result.Counts.Updated:N0}, unchanged {result.Counts.Unchanged:N0}, deleted {result.Counts.Deleted:N0}"
        : $"{result.Stream}: {result.Status.ToString().ToLowerInvariant()}: {StreamError.Beside(result.Stream, result.Error)}");

    private static void Write(string line) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {Config.Secrets.Redact(line)}");
}
