using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.GraphQL;

/// <summary>
/// The part of a GraphQL request the fakes understand: the first top-level field (the connection) and the
/// variables <c>first</c>, <c>after</c> and <c>filter.updatedAt.gt</c>. Just enough for the queries the connectors send.
/// </summary>
internal sealed record GraphQLFakeRequest(string Connection, int First, string? After, DateTimeOffset? UpdatedAfter)
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
        DateTimeOffset? updatedAfter = variables?["filter"]?["updatedAt"]?["gt"] is JsonValue g && g.TryGetValue<string>(out var gt)
            && DateTimeOffset.TryParse(gt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;
        return new GraphQLFakeRequest(query[start..end], first, after, updatedAfter);
    }
}
