using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sources.GitHub;
using Greenhouse.Sources.Linear;
using Greenhouse.Sources.Plain;
using Greenhouse.Sources.Stripe;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Serve.Webhooks;

/// <summary>
/// Turns a verified event into the row it carries, exactly as a sync would land it, by the source's connector:
/// Stripe (<c>data.object</c> is the snapshot, <c>created</c> its as-of time, <c>*.deleted</c> soft-deletes, the
/// stream is the one whose event types list the event's type), GitHub (<see cref="GitHubWebhookEvents"/>), Linear
/// (<see cref="LinearWebhookEvents"/>) and Plain (<see cref="PlainWebhookEvents"/>). Other types, streams the source
/// does not enable, and events without an object are stored only.
/// </summary>
internal static class WebhookMapping
{
    public static (StreamDescriptor Stream, RecordRow Row, IReadOnlyList<string> Warnings)? Map(
        SourceConfig source, WebhookIdentity identity, JsonElement body, DateTimeOffset received)
    {
        var found = source.Type switch
        {
            "stripe" => Stripe(source, identity, body),
            "github" => Catalogued(source, GitHubWebhookEvents.Read(source, identity.Type, body, received)),
            "linear" => Catalogued(source, LinearWebhookEvents.Read(body)),
            "plain" => Catalogued(source, PlainWebhookEvents.Read(identity.Type, body)),
            _ => null,
        };
        if (found is not var (stream, record) || (source.Streams is not null && !source.Streams.Contains(stream.Name)))
        {
            return null;
        }

        var warnings = new List<string>();
        var row = RecordConverter.ToRow(stream, record, 0, warnings);
        return (stream, row, warnings);
    }

    private static (StreamDescriptor, SourceRecord)? Stripe(SourceConfig source, WebhookIdentity identity, JsonElement body)
    {
        if (StripeConnector.StreamForEvent(source.Name, identity.Type) is not { } stream
            || identity.Created is not { } created
            || !body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("object", out var snapshot) || snapshot.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return (stream, new SourceRecord(snapshot, created, identity.Type.EndsWith(".deleted", StringComparison.Ordinal)));
    }

    /// <summary>The connector's descriptor of the record's stream, named for this source.</summary>
    private static (StreamDescriptor, SourceRecord)? Catalogued(SourceConfig source, WebhookRecord? found) =>
        found is { } f && Connectors.All[source.Type].Catalog.FirstOrDefault(d => d.Name == f.Stream) is { } stream
            ? (stream with { Source = source.Name }, f.Record)
            : null;
}
