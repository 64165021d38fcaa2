using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.GraphQL;

/// <summary>
/// The part of a GraphQL request the fakes understand: the first top-level field (the connection) and the
/// variables <c>first</c>, <c>after</c>, Linear's <c>filter.updatedAt.gt</c> (exclusive) and Plain's
/// <c>filters.updatedAt.after</c> (inclusive). Just enough for the queries the connectors send.
/// </summary>
internal sealed record GraphQLFakeRequest(string Connection, int First, string? After, DateTimeOffset? UpdatedAfter, DateTimeOffset? UpdatedFrom, string Text)
{
    /// <summary>The request, or null when the body is not a GraphQL query the fakes understand.</summary>
    public static async Task<GraphQLFakeRequest?> ReadAsync(HttpRequest request, int defaultFirst)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }

        if (body?["query"] is not JsonValue queryValue || !queryValue.TryGetValue<string>(out var query))
        {
            return null;
        }

        var open = query.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var start = open + 1;
        while (start < query.Length && char.IsWhiteSpace(query[start]))
        {
            start++;
        }

        var end = start;
        while (end < query.Length && (char.IsLetterOrDigit(query[end]) || query[end] == '_'))
        {
            end++;
        }

        if (end == start)
        {
            return null;
        }

        var variables = body["variables"] as JsonObject;
        var first = variables?["first"] is JsonValue f && f.TryGetValue<int>(out var n) ? n : defaultFirst;
        var after = variables?["after"] is JsonValue a && a.TryGetValue<string>(out var s) ? s : null;
        return new GraphQLFakeRequest(
            query[start..end], first, after, Instant(variables?["filter"]?["updatedAt"]?["gt"]), Instant(variables?["filters"]?["updatedAt"]?["after"]), query);
    }

    private static DateTimeOffset? Instant(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;
}
