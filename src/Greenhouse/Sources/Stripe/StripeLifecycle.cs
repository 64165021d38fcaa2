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
/// an event. A stage never reaches a whole second, so across seconds time alone decides. (The <c>status_transitions</c>
/// times are left out on purpose: under a Stripe test clock they are simulated times, ahead of the real clock.)
/// </summary>
internal static class StripeLifecycle
{
    /// <summary>The instant <paramref name="snapshot"/>, taken at <paramref name="at"/>, sorts at.</summary>
    public static DateTimeOffset AsOf(Func<JsonElement, int>? stage, JsonElement snapshot, DateTimeOffset at) =>
        stage is null ? at : DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()).AddMilliseconds(Math.Clamp(stage(snapshot), 0, 999));

    /// <summary>A stage by <c>status</c>: the index of the group that holds it (an unknown status is stage 0).</summary>
    public static Func<JsonElement, int> ByStatus(params string[][] stages) => snapshot =>
    {
        var status = snapshot.TryGetProperty("status", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var index = Array.FindIndex(stages, group => group.Contains(status));
        return Math.Max(index, 0);
    };

    /// <summary>1 when the boolean field <paramref name="name"/> is true, else 0.</summary>
    public static int Flag(JsonElement snapshot, string name) =>
        snapshot.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True ? 1 : 0;
}
