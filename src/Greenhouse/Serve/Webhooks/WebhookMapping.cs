using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Serve.Webhooks;

/// <summary>
/// Turns a verified event into the row it carries, exactly as a sync would land it. Stripe: <c>data.object</c> is the
/// snapshot, <c>created</c> its as-of time, <c>*.deleted</c> soft-deletes, and the stream is the one whose event types
/// list the event's type. Other types, streams the source does not enable, and events without an object are stored only.
/// </summary>
internal static class WebhookMapping
{
    public static (StreamDescriptor Stream, RecordRow Row, IReadOnlyList<string> Warnings)? Map(SourceConfig source, WebhookIdentity identity, JsonElement body)
    {
        if (source.Type != "stripe"
            || StripeConnector.StreamForEvent(source.Name, identity.Type) is not { } stream
            || (source.Streams is not null && !source.Streams.Contains(stream.Name))
            || identity.Created is not { } created
            || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("object", out var snapshot) || snapshot.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var deleted = identity.Type.EndsWith(".deleted", StringComparison.Ordinal);
        var warnings = new List<string>();
        var row = RecordConverter.ToRow(stream, new SourceRecord(snapshot, created, deleted), 0, warnings);
        return (stream, row, warnings);
    }
}
