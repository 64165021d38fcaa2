using System.Globalization;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.Sentry;

/// <summary>
/// Where a Sentry stream's run is: its window (issues only; fixed for the run, so a resumed run pages the same
/// listing) and the Link cursor of the next page. Stored as the page checkpoint.
/// </summary>
internal sealed record SentryProgress(DateTimeOffset? Start, DateTimeOffset? End, string? Cursor)
{
    public static SentryProgress Begin(StreamReadContext context, bool windowed, TimeSpan retention)
    {
        if (!windowed)
        {
            return new SentryProgress(null, null, null);
        }

        // Issues have no updatedAt: the window filters on activity (lastSeen), and the next run starts at end − lookback.
        // Round up to Sentry's one-second resolution, so the window includes everything up to the run's start.
        var end = DateTimeOffset.FromUnixTimeSeconds((context.WindowEnd.ToUnixTimeMilliseconds() + 999) / 1000);
        var start = context.Mode == SyncMode.FullRefresh
            ? end - retention
            : context.Since ?? (CursorEnd(context.Cursor) is { } last ? last - context.Lookback : end - retention);
        return new SentryProgress(start, end, null);
    }

    public static SentryProgress From(JsonObject json) => new(
        Instant((string?)json["start"]),
        Instant((string?)json["end"]),
        (string?)json["cursor"]);

    public JsonObject ToJson() => new()
    {
        ["start"] = Format(Start),
        ["end"] = Format(End),
        ["cursor"] = Cursor,
    };

    /// <summary>The committed cursor: the end of this run's window (null for streams that are listed whole).</summary>
    public JsonObject CursorJson() => new() { ["end"] = Format(End) };

    public static string? Format(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? CursorEnd(JsonNode? cursor) => Instant((string?)cursor?["end"]);

    private static DateTimeOffset? Instant(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : null;
}
