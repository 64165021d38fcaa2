using System.Text.Json.Nodes;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Where a Stripe stream's run is: which phase, its window (Unix seconds; fixed for the whole run, so a
/// resumed run pages the same listing) and the id to continue after. Stored as the page checkpoint.
/// </summary>
internal sealed record StripeProgress(string Phase, long? ListFrom, long? EventsFrom, long WindowEnd, string? StartingAfter)
{
    public const string ListPhase = "list";
    public const string EventsPhase = "events";
    public const string DonePhase = "done";

    public static StripeProgress Start(StreamReadContext context)
    {
        // Round up: created[lt] then includes everything up to the run's start, at Stripe's one-second resolution.
        var windowEnd = (context.WindowEnd.ToUnixTimeMilliseconds() + 999) / 1000;
        if (context.Mode == SyncMode.FullRefresh)
        {
            return new StripeProgress(ListPhase, null, null, windowEnd, null);
        }

        var lookback = (long)context.Lookback.TotalSeconds;
        long? since = context.Since?.ToUnixTimeSeconds();
        var listFrom = since ?? Cursor(context, "created") - lookback;
        var eventsFrom = since ?? Cursor(context, "events") - lookback;
        return new StripeProgress(ListPhase, listFrom, eventsFrom, windowEnd, null);
    }

    public static StripeProgress From(JsonObject json) => new(
        (string)json["phase"]!,
        (long?)json["list_from"],
        (long?)json["events_from"],
        (long)json["window_end"]!,
        (string?)json["starting_after"]);

    public JsonObject ToJson() => new()
    {
        ["phase"] = Phase,
        ["list_from"] = ListFrom,
        ["events_from"] = EventsFrom,
        ["window_end"] = WindowEnd,
        ["starting_after"] = StartingAfter,
    };

    private static long Cursor(StreamReadContext context, string key) =>
        context.Cursor?[key]?.GetValue<long>() ?? 0;
}
