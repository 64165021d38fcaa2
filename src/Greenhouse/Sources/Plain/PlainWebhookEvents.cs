using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources.GraphQL;
using Greenhouse.Sources.Plain.Streams;

namespace Greenhouse.Sources.Plain;

/// <summary>
/// Plain webhooks (<c>{id, type, timestamp, payload, …}</c>, schema: team-plain/typescript-sdk
/// <c>src/webhooks/webhook-schema.json</c>) as records of the plain streams. Every <c>thread.*</c> event carries the
/// whole thread in <c>payload.thread</c>, and <c>customer.customer_created</c>/<c>_updated</c>/<c>_changed</c>/
/// <c>_group_memberships_changed</c> the whole customer in <c>payload.customer</c>; those are shaped like the nodes
/// the streams' queries select (<see cref="GraphQLSelection"/>: timestamps, ISO strings in webhooks, become
/// <c>{iso8601}</c>; the thread's embedded customer becomes <c>{id}</c>) and land as of their <c>updatedAt</c>.
/// <c>customer.customer_deleted</c> carries <c>payload.previousCustomer</c> and soft-deletes it as of the event's
/// <c>timestamp</c>. A webhook thread has no <c>description</c> (not a typed column): it lands null until the next
/// sync rewrites the row. Label types have no webhooks; timeline and customer-group events are stored only.
/// </summary>
internal static class PlainWebhookEvents
{
    private static readonly GraphQLSelection Thread = GraphQLSelection.OfNodes(ThreadsStream.Definition.Query);
    private static readonly GraphQLSelection Customer = GraphQLSelection.OfNodes(CustomersStream.Definition.Query);

    public static WebhookRecord? Read(string type, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (type.StartsWith("thread.", StringComparison.Ordinal) && Object(payload, "thread") is { } thread)
        {
            return Live(ThreadsStream.Definition.Name, Thread, thread, type);
        }

        if (type == "customer.customer_deleted" && Object(payload, "previousCustomer") is { } gone)
        {
            var asOf = Time(Text(body, "timestamp")) ?? throw new SourceException($"a Plain '{type}' event without its timestamp");
            return Record(CustomersStream.Definition.Name, Customer, gone, asOf, deleted: true);
        }

        if (type.StartsWith("customer.", StringComparison.Ordinal) && Object(payload, "customer") is { } customer)
        {
            return Live(CustomersStream.Definition.Name, Customer, customer, type);
        }

        return null;
    }

    private static WebhookRecord Live(string stream, GraphQLSelection node, JsonElement item, string type) =>
        Record(stream, node, item, Time(Text(item, "updatedAt")) ?? throw new SourceException($"a Plain '{type}' event whose object has no updatedAt"), deleted: false);

    private static WebhookRecord Record(string stream, GraphQLSelection node, JsonElement item, DateTimeOffset asOf, bool deleted)
    {
        using var shaped = JsonDocument.Parse(node.Shape((JsonObject)JsonNode.Parse(item.GetRawText())!).ToJsonString());
        return new WebhookRecord(stream, new SourceRecord(shaped.RootElement.Clone(), asOf, deleted));
    }

    private static JsonElement? Object(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime() : null;
}
