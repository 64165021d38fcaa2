using System.Globalization;
using Greenhouse.Config;
using Greenhouse.Status;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Notifications;

/// <summary>The words of each notification: short, one line per stream, saying what happened and what to do.</summary>
internal static class NotificationText
{
    private const int MaxErrorLength = 600;

    public static Notification Failing(
        IReadOnlyList<(StreamRunResult Result, AlertRecord? Previous)> streams, RunSummary summary, GreenhouseConfig config, DateTimeOffset now)
    {
        var lines = new List<string>();
        var facts = new List<NotificationStream>();
        foreach (var (result, previous) in streams)
        {
            var still = previous?.LastNotifiedAt is not null;
            var error = Shorten(Secrets.Redact(result.Error ?? "no error text"));
            lines.Add($"• {result.Stream}: {(still ? $"still failing since {When(previous!.Since)} ({Duration(now - previous.Since)})" : "failed")} "
                + $"after {Duration(result.Duration)}, {Counts(result.Counts)}, {result.Pages} page(s) committed before the error.");
            lines.Add($"  Error: {error}");
            facts.Add(Stream(result, still ? "still_failing" : "failing") with { Since = previous?.Since ?? now });
        }

        lines.Add("What to do: " + Advice(streams.Select(s => s.Result).ToList(), config));
        var names = string.Join(", ", streams.Select(s => s.Result.Stream));
        var allStill = streams.All(s => s.Previous?.LastNotifiedAt is not null);
        var title = streams.Count == 1
            ? $"❌ {names} {(allStill ? "is still failing" : "failed")}"
            : $"❌ {streams.Count} streams {(allStill ? "are still failing" : "failed")}: {names}";
        return new Notification(NotificationLevel.Error, "failing", $"{title} (run {summary.RunId})", lines, facts, summary.RunId, now);
    }

    public static Notification Recovered(IReadOnlyList<(StreamRunResult Result, AlertRecord Previous)> streams, RunSummary summary, DateTimeOffset now)
    {
        var lines = streams
            .Select(s => $"• {s.Result.Stream}: succeeded again after failing for {Duration(now - s.Previous.Since)} (since {When(s.Previous.Since)}); "
                + $"{Counts(s.Result.Counts)} in {Duration(s.Result.Duration)}.")
            .ToList();
        var facts = streams.Select(s => Stream(s.Result, "recovered") with { Since = s.Previous.Since }).ToList();
        var names = string.Join(", ", streams.Select(s => s.Result.Stream));
        var title = streams.Count == 1 ? $"✅ {names} recovered" : $"✅ {streams.Count} streams recovered: {names}";
        return new Notification(NotificationLevel.Error, "recovered", $"{title} (run {summary.RunId})", lines, facts, summary.RunId, now);
    }

    public static Notification Warnings(IReadOnlyList<StreamRunResult> streams, RunSummary summary, DateTimeOffset now)
    {
        var total = streams.Sum(s => s.Warnings);
        var lines = streams
            .Select(s => $"• {s.Stream}: {s.Warnings} value(s) did not fit their column; the column is null and the raw JSON keeps the value.")
            .Append("What to do: nothing is lost. 'greenhouse sync' prints the first values; query the raw JSON for them.")
            .ToList();
        var facts = streams.Select(s => Stream(s, "warnings")).ToList();
        return new Notification(
            NotificationLevel.Warn, "warnings", $"⚠️ {total} value(s) did not fit their column in {string.Join(", ", streams.Select(s => s.Stream))} (run {summary.RunId})",
            lines, facts, summary.RunId, now);
    }

    public static Notification TransformFailed(Transform.Running.TransformRunResult result, IReadOnlyList<ModelRunRecord> failed,
        Func<string, string?> compiledPath, DateTimeOffset now)
    {
        var lines = new List<string>();
        foreach (var node in failed)
        {
            lines.Add($"• {node.Node} ({node.Materialization}) failed after {node.Seconds:0.0}s.");
            lines.Add($"  Error: {Shorten(Secrets.Redact(node.Error ?? "no error text"))}");
            if (compiledPath(node.Node) is { } path)
            {
                lines.Add($"  Compiled SQL: {path}");
            }
        }

        var skipped = result.Nodes.Count(n => n.Status == ModelRunStatus.Skipped);
        lines.Add($"What to do: fix the model and run `greenhouse transform build -s {failed[0].Node.Split('.')[^1]}+`; "
            + $"{(skipped > 0 ? $"{skipped} downstream node(s) were skipped and " : "")}the previous tables are still in place.");
        var title = failed.Count == 1 ? $"❌ model {failed[0].Node} failed" : $"❌ {failed.Count} models failed: {string.Join(", ", failed.Select(f => f.Node))}";
        return new Notification(NotificationLevel.Error, "transform_failed", $"{title} (transform run {result.RunId})", lines, [], result.RunId, now);
    }

    public static Notification Succeeded(RunSummary summary, DateTimeOffset now)
    {
        var lines = summary.Streams.Select(s => $"• {s.Stream}: {Counts(s.Counts)} in {Duration(s.Duration)}.").ToList();
        var facts = summary.Streams.Select(s => Stream(s, "succeeded")).ToList();
        var sources = string.Join(", ", summary.Streams.Select(s => s.Stream.Split('.', 2)[0]).Distinct(StringComparer.Ordinal));
        return new Notification(
            NotificationLevel.Success, "succeeded",
            $"✔️ Sync of {sources} succeeded: {summary.Streams.Count} stream(s) in {Duration(summary.Duration)} (run {summary.RunId})",
            lines, facts, summary.RunId, now);
    }

    /// <summary>Streams at one level past their freshness limits: a warn past warn_after, an error past error_after.</summary>
    public static Notification Stale(IReadOnlyList<StaleStream> streams, DateTimeOffset now)
    {
        var lines = streams
            .Select(s => $"• {s.Stream}: {(s.LastSuccess is { } at ? $"last successful sync {When(at)}, {Duration(now - at)} ago" : $"no successful sync since runs began {When(s.Reference)}")}; "
                + $"{Limit(s)}.{(s.Reminder ? " Still stale." : "")}")
            .Append("What to do: check that the scheduler ('greenhouse serve') is running and 'greenhouse status' for failing runs.")
            .ToList();
        var facts = streams.Select(s => new NotificationStream(
            s.Stream, s.Reminder ? "still_stale" : "stale", Since: s.Previous?.Since ?? now, LastSuccess: s.LastSuccess)).ToList();
        var names = string.Join(", ", streams.Select(s => s.Stream));
        var error = streams.Any(s => s.Level == FreshnessLevel.Error);
        var title = streams.Count == 1 ? $"⏰ {names} is {(error ? "past its error_after" : "stale")}" : $"⏰ {streams.Count} streams are {(error ? "past their error_after" : "stale")}: {names}";
        return new Notification(error ? NotificationLevel.Error : NotificationLevel.Warn, "stale", title, lines, facts, null, now);

        static string Limit(StaleStream s)
        {
            var key = s.Level == FreshnessLevel.Error ? "error_after" : s.Policy.SetIn?.EndsWith("max_staleness", StringComparison.Ordinal) == true ? "max_staleness" : "warn_after";
            var setIn = s.Policy.SetIn is { } where && !where.EndsWith(key, StringComparison.Ordinal) ? $" (set in {where})" : "";
            return $"{key} is {Duration(s.Policy.LimitOf(s.Level) ?? TimeSpan.Zero)}{setIn}";
        }
    }

    public static Notification Fresh(IReadOnlyList<StaleStream> streams, DateTimeOffset now)
    {
        var lines = streams
            .Select(s => $"• {s.Stream}: synced {When(s.LastSuccess ?? now)}, after being stale for {Duration(now - (s.Previous?.Since ?? now))}.")
            .ToList();
        var facts = streams.Select(s => new NotificationStream(s.Stream, "fresh", Since: s.Previous?.Since, LastSuccess: s.LastSuccess)).ToList();
        var names = string.Join(", ", streams.Select(s => s.Stream));
        // Said where the stale message went: an error past error_after recovers on the error channels.
        var level = streams.Any(s => s.Previous?.Status == "stale_error") ? NotificationLevel.Error : NotificationLevel.Warn;
        return new Notification(level, "fresh", $"🌱 {names} {(streams.Count == 1 ? "is" : "are")} fresh again", lines, facts, null, now);
    }

    /// <summary>What to do about these failures, from what their errors say.</summary>
    private static string Advice(IReadOnlyList<StreamRunResult> failed, GreenhouseConfig config)
    {
        var errors = string.Join("\n", failed.Select(f => f.Error ?? ""));
        if (Contains(errors, "401", "Unauthorized", "API key", "api_key", "403", "Forbidden"))
        {
            var credentials = failed
                .Select(f => config.Sources.FirstOrDefault(s => s.Name == f.Stream.Split('.', 2)[0]))
                .OfType<SourceConfig>()
                .SelectMany(s => s.Credentials.Values.Select(c => c.Describe()))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var which = credentials.Count > 0 ? string.Join(", ", credentials) : "the source's credential";
            return $"the vendor refused the credential. Check {which} (and its permissions), then rerun 'greenhouse sync'.";
        }

        if (Contains(errors, "429", "rate limit", "throttl", "HTTP 5", "timed out", "unavailable", "refused", "failed after"))
        {
            return "this is usually temporary (vendor throttling or outage, network). The next run resumes from the last checkpoint; "
                + "if it persists, check the vendor's status page and the source's base_url.";
        }

        if (Contains(errors, "warehouse", "database", "SQLite", "PostgreSQL", "disk"))
        {
            return "check the warehouse (reachable, disk space, permissions); nothing half-written was committed.";
        }

        return "read the error above; 'greenhouse status' shows each stream's history. The next run resumes from the last checkpoint.";
    }

    private static bool Contains(string text, params string[] words) =>
        words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static NotificationStream Stream(StreamRunResult result, string status) => new(
        result.Stream,
        status,
        result.Counts.New,
        result.Counts.Updated,
        result.Counts.Unchanged,
        result.Counts.Deleted,
        result.Warnings,
        Math.Round(result.Duration.TotalSeconds, 3),
        result.Error is null ? null : Secrets.Redact(result.Error));

    private static string Counts(BatchCounts counts) =>
        $"{counts.New} new, {counts.Updated} updated, {counts.Unchanged} unchanged, {counts.Deleted} deleted";

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..(MaxErrorLength - 1)] + "…";

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>850 ms</c>, <c>4.2 s</c>, <c>12 min</c>, <c>6 h</c>, <c>2 d 3 h</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds switch
        {
            < 1 => $"{span.TotalMilliseconds:0} ms",
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s"),
            < 3600 => $"{span.TotalMinutes:0} min",
            < 86400 => span.Minutes == 0 || span.TotalHours >= 10 ? $"{span.TotalHours:0} h" : $"{span.Hours} h {span.Minutes} min",
            _ => span.Hours == 0 ? $"{span.Days} d" : $"{span.Days} d {span.Hours} h",
        };
    }
}
