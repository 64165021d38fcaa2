using System.Text.Json;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Stripe events as records of the stripe streams: <c>data.object</c> is the snapshot, the event's <c>created</c> its
/// as-of time (ordered within the second by the object's lifecycle), and the stream is the one whose event types list
/// the event's type. An event soft-deletes only when its type means the object is gone (<see
/// cref="StripeStreamDefinition.RemovedBy"/>). Other types and events without an object land nothing; an event whose
/// object is not its stream's kind is stored only, with a warning.
/// </summary>
internal static class StripeWebhookEvents
{
    /// <summary>Each event type's stream: the one whose definition lists it (its <c>data.object</c> is that kind of object).</summary>
    private static readonly Dictionary<string, StripeStreamDefinition> StreamByEventType = StripeConnector.Definitions
        .SelectMany(d => d.EventTypes.Select(type => (type, d)))
        .DistinctBy(p => p.type)
        .ToDictionary(p => p.type, p => p.d, StringComparer.Ordinal);

    public static WebhookRecord? Read(WebhookIdentity identity, JsonElement body, StripeVersionCheck versions)
    {
        if (!StreamByEventType.TryGetValue(identity.Type, out var definition) || StripeEvent.Read(body) is not { } stripeEvent)
        {
            return null;
        }

        if (definition.Refuses(stripeEvent) is { } why)
        {
            throw new SourceException($"Stripe event {stripeEvent.Id} ({stripeEvent.Type}) lands in no table: {why}.");
        }

        return new WebhookRecord(definition.Name, definition.Record(stripeEvent), versions.Check(stripeEvent) is { } drift ? [drift] : null);
    }
}
