using System.Text.Json;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Stripe events as records of the stripe streams: <c>data.object</c> is the snapshot, the event's <c>created</c> its
/// as-of time, <c>*.deleted</c> soft-deletes, and the stream is the one whose event types list the event's type.
/// Other types and events without an object land nothing.
/// </summary>
internal static class StripeWebhookEvents
{
    /// <summary>Each event type's stream: the one whose definition lists it (its <c>data.object</c> is that kind of object).</summary>
    private static readonly Dictionary<string, string> StreamByEventType = StripeConnector.Definitions
        .SelectMany(d => d.EventTypes.Select(type => (type, d.Name)))
        .DistinctBy(p => p.type)
        .ToDictionary(p => p.type, p => p.Name, StringComparer.Ordinal);

    public static WebhookRecord? Read(WebhookIdentity identity, JsonElement body)
    {
        if (!StreamByEventType.TryGetValue(identity.Type, out var stream)
            || identity.Created is not { } created
            || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("object", out var snapshot) || snapshot.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new WebhookRecord(stream, new SourceRecord(snapshot, created, identity.Type.EndsWith(".deleted", StringComparison.Ordinal)));
    }
}
