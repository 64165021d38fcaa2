using System.Text.Json.Nodes;

namespace Greenhouse.Sources;

/// <summary>
/// What a stream needs to read one run's worth of pages.
/// <paramref name="Cursor"/> is the cursor the last completed run committed (null on the first run);
/// <paramref name="Resume"/> is the checkpoint of an interrupted run of the same mode (null when starting fresh);
/// <paramref name="WindowEnd"/> is the exclusive upper bound of this run (now, or 00:00 UTC today with complete_days_only).
/// </summary>
public sealed record StreamReadContext(
    SyncMode Mode,
    JsonNode? Cursor,
    JsonNode? Resume,
    DateTimeOffset WindowEnd,
    TimeSpan Lookback,
    DateTimeOffset? Since,
    DateTimeOffset Now);
