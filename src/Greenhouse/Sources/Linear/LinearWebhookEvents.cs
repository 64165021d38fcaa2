using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources.GraphQL;
using Greenhouse.Sources.Linear.Streams;

namespace Greenhouse.Sources.Linear;

/// <summary>
/// Linear data-change webhooks (<c>{action, type, data, createdAt, …}</c>) as records of the linear streams. A
/// webhook's <c>data</c> is Linear's <c>…WebhookPayload</c> type, not the node the stream's query selects, so it is
/// shaped like that node (<see cref="GraphQLSelection"/>: the query's fields, <c>labels</c> as a connection,
/// <c>team</c> from <c>teamId</c> when only the id is sent) and the typed columns come out as a sync's do. Fields a
/// payload lacks land null until the next sync rewrites the row, whose snapshot is newer: a Project has no
/// <c>progress</c> (its deprecated <c>state</c> is the status's <c>type</c>), a Cycle neither <c>progress</c> nor its
/// team's <c>key</c>. Linear sends no Team or WorkflowState webhooks, so those streams are filled by syncs only.
/// <c>create</c>/<c>update</c> land the object as of its <c>updatedAt</c>; <c>remove</c> soft-deletes it as of the
/// event's <c>createdAt</c>; other actions and entity types are stored only.
/// </summary>
internal static class LinearWebhookEvents
{
    private static readonly Dictionary<string, (string Stream, GraphQLSelection Node)> ByEntity = new(StringComparer.Ordinal)
    {
        ["Issue"] = For(IssuesStream.Definition),
        ["Project"] = For(ProjectsStream.Definition),
        ["Cycle"] = For(CyclesStream.Definition),
        ["User"] = For(UsersStream.Definition),
    };

    public static WebhookRecord? Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || Text(body, "type") is not { } entity || !ByEntity.TryGetValue(entity, out var target)
            || Text(body, "action") is not { } action || action is not ("create" or "update" or "remove"))
        {
            return null;
        }

        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new SourceException($"a Linear {entity} '{action}' event without its data object");
        }

        var deleted = action == "remove";
        var asOf = deleted
            ? Time(Text(body, "createdAt")) ?? (body.TryGetProperty("webhookTimestamp", out var ms) && ms.ValueKind == JsonValueKind.Number && ms.TryGetInt64(out var unixMs)
                ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
                : throw new SourceException($"a Linear {entity} 'remove' event without createdAt or webhookTimestamp"))
            : Time(Text(data, "updatedAt")) ?? throw new SourceException($"a Linear {entity} '{action}' event whose data has no updatedAt");

        var node = (JsonObject)JsonNode.Parse(data.GetRawText())!;
        if (entity == "Project" && node["state"] is null && node["status"]?["type"] is JsonValue statusType)
        {
            // Project.state is deprecated in Linear's schema as "the type of the state": the status's type.
            node["state"] = statusType.DeepClone();
        }

        using var shaped = JsonDocument.Parse(target.Node.Shape(node).ToJsonString());
        return new WebhookRecord(target.Stream, new SourceRecord(shaped.RootElement.Clone(), asOf, deleted));
    }

    private static (string, GraphQLSelection) For(GraphQLStreamDefinition definition) => (definition.Name, GraphQLSelection.OfNodes(definition.Query));

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime() : null;
}
