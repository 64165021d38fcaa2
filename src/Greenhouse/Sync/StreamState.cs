using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sources;

namespace Greenhouse.Sync;

/// <summary>
/// The state the engine keeps per stream (in the warehouse's <c>_gh_state</c> table, visible to SQL):
/// the connector's committed <c>cursor</c>; the <c>pending</c> checkpoint of a run that has not finished
/// (its mode and the connector's resume token); and when the last full refresh finished.
/// </summary>
internal sealed record StreamState(JsonNode? Cursor, SyncMode? PendingMode, JsonNode? PendingResume, DateTimeOffset? LastFullRefresh)
{
    public static StreamState Empty { get; } = new(null, null, null, null);

    public static StreamState From(JsonObject? json)
    {
        if (json is null)
        {
            return Empty;
        }

        var pending = json["pending"] as JsonObject;
        return new StreamState(
            json["cursor"]?.DeepClone(),
            pending is null ? null : ParseMode((string?)pending["mode"]),
            pending?["resume"]?.DeepClone(),
            json["last_full_refresh"] is JsonValue last ? DateTimeOffset.Parse((string)last!, CultureInfo.InvariantCulture) : null);
    }

    public JsonObject ToJson() => new()
    {
        ["cursor"] = Cursor?.DeepClone(),
        ["pending"] = PendingMode is { } mode ? new JsonObject { ["mode"] = ModeName(mode), ["resume"] = PendingResume?.DeepClone() } : null,
        ["last_full_refresh"] = LastFullRefresh?.ToString("O", CultureInfo.InvariantCulture),
    };

    public static string ModeName(SyncMode mode) => mode == SyncMode.FullRefresh ? "full_refresh" : "incremental";

    private static SyncMode? ParseMode(string? name) => name switch
    {
        "full_refresh" => SyncMode.FullRefresh,
        "incremental" => SyncMode.Incremental,
        _ => null,
    };
}
