using System.Text.Json;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Greenhouse.Webhooks;

namespace Greenhouse.Serve.Webhooks;

/// <summary>
/// Turns a verified event into the row it carries, exactly as a sync would land it: the source's connector
/// (an <see cref="IWebhookConnector"/>) reads the record and names its stream. Connectors without webhooks, streams
/// the source does not enable, and events without an object are stored only.
/// </summary>
internal static class WebhookMapping
{
    public static (StreamDescriptor Stream, RecordRow Row, IReadOnlyList<string> Warnings)? Map(
        SourcePlan source, WebhookIdentity identity, JsonElement body, DateTimeOffset received)
    {
        if (source.Connector is not IWebhookConnector webhooks
            || webhooks.Read(source.Config, identity, body, received) is not { } found
            || source.Streams.FirstOrDefault(d => d.Name == found.Stream) is not { } stream)
        {
            return null;
        }

        var warnings = new List<string>(found.Warnings ?? []);
        var row = RecordConverter.ToRow(stream, found.Record, 0, warnings);
        return (stream, row, warnings);
    }
}
