using System.Text.Json;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Orders two snapshots of one object from the same second. Stripe's times (an event's <c>created</c>, a list page's
/// <c>Date</c>) have one-second resolution, and Stripe sends events in no guaranteed order, so <c>invoice.paid</c> and
/// <c>invoice.finalized</c> of one second tie and the later delivery would win. An object whose status only moves
/// forward (an invoice: draft, open, uncollectible, then paid or void) says itself which snapshot is later: its
/// <see cref="StripeStreamDefinition.Stage"/> is added to the second as milliseconds, for every snapshot of the stream
/// alike (listed, replayed from the events API, or delivered by a webhook), so the merge's "not older" rule keeps the
/// later stage and a stale snapshot of the same second never regresses the row, whether the row came from a sync or
/// an event. The removal of an object (a deleted customer, a deleted draft invoice) ends its life: nothing about it
/// follows, so its snapshot sorts at the end of its second, after any other of that second. A stage never reaches a
/// whole second, so across seconds time alone decides. (The <c>status_transitions</c> times are left out on purpose:
/// under a Stripe test clock they are simulated times, ahead of the real clock.)
/// </summary>
internal static class StripeLifecycle
{
    private const int Removal = 999;

    /// <summary>The instant <paramref name="snapshot"/>, taken at <paramref name="at"/>, sorts at (a removal: the end of its second).</summary>
    public static DateTimeOffset AsOf(Func<JsonElement, int>? stage, JsonElement snapshot, DateTimeOffset at, bool removal = false) =>
        removal ? Second(at).AddMilliseconds(Removal)
        : stage is null ? at
        : Second(at).AddMilliseconds(Math.Clamp(stage(snapshot), 0, Removal - 1));

    /// <summary>A stage by <c>status</c>: the index of the group that holds it (an unknown status is stage 0).</summary>
    public static Func<JsonElement, int> ByStatus(params string[][] stages) => snapshot =>
    {
        var status = snapshot.TryGetProperty("status", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var index = Array.FindIndex(stages, group => group.Contains(status));
        return Math.Max(index, 0);
    };

    private static DateTimeOffset Second(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    /// <summary>1 when the boolean field <paramref name="name"/> is true, else 0.</summary>
    public static int Flag(JsonElement snapshot, string name) =>
        snapshot.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True ? 1 : 0;
}
