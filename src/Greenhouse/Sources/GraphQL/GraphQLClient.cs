using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.GraphQL;

/// <summary>
/// A vendor's GraphQL endpoint: POSTs <c>{query, variables}</c>, reads one Relay connection page
/// (<c>data.&lt;connection&gt;.nodes</c> or <c>.edges[].node</c>, and <c>pageInfo</c>, which <see cref="RelayPaginator"/> reads), and turns GraphQL
/// <c>errors</c> — which may come with HTTP 200 — into messages that say what to do (a rejected key names its
/// variable, never its value).
/// </summary>
internal sealed class GraphQLClient(VendorHttpClient http, string vendor, string endpoint, Credential apiKey, Action<HttpRequestMessage> authorize, string keyAdvice)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<ListPage> QueryConnectionAsync(
        string stream, string connection, string query, JsonObject variables, int pageNumber, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        var response = await http.PostAsync(endpoint, () => new StringContent(body, Encoding.UTF8, Json), authorize, cancellationToken);
        var where = $"{stream}: page {pageNumber} of {connection} (POST /{endpoint.TrimStart('/')})";

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.Body);
        }
        catch (JsonException e)
        {
            throw new SourceException(response.IsSuccess
                ? $"{where} is not valid JSON ({e.Message}). Nothing from this page was committed and the cursor did not move; rerun to retry."
                : Explain(where, connection, response, null, Secrets.Redact(response.BodyText(200))), e);
        }

        try
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var (code, message) = FirstError(errors);
                throw new SourceException(Explain(where, connection, response, code, message));
            }

            if (!response.IsSuccess)
            {
                throw new SourceException(Explain(where, connection, response, null, Secrets.Redact(response.BodyText(200))));
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty(connection, out var page) || page.ValueKind != JsonValueKind.Object
                || !page.TryGetProperty("pageInfo", out var pageInfo) || pageInfo.ValueKind != JsonValueKind.Object
                || !pageInfo.TryGetProperty("hasNextPage", out var hasNext) || hasNext.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                || Nodes(page) is not { } nodes)
            {
                throw new SourceException(
                    $"{where} is not a Relay connection page (expected data.{connection} with nodes or edges and pageInfo.hasNextPage). " +
                    $"Nothing from this page was committed and the cursor did not move; check base_url points at the {vendor} API ({http.BaseUrl}).");
            }

            return new ListPage(where, http.Resolve(endpoint), response, document, nodes);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static List<JsonElement>? Nodes(JsonElement page)
    {
        if (page.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
        {
            return [.. nodes.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Object)];
        }

        if (page.TryGetProperty("edges", out var edges) && edges.ValueKind == JsonValueKind.Array)
        {
            var list = new List<JsonElement>(edges.GetArrayLength());
            foreach (var edge in edges.EnumerateArray())
            {
                if (edge.ValueKind != JsonValueKind.Object || !edge.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                list.Add(node);
            }

            return list;
        }

        return null;
    }

    private static (string? Code, string Message) FirstError(JsonElement errors)
    {
        var first = errors[0];
        var message = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : first.GetRawText();
        var code = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("extensions", out var extensions)
            && extensions.ValueKind == JsonValueKind.Object && extensions.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()
            : null;
        var more = errors.GetArrayLength() > 1 ? $" (and {errors.GetArrayLength() - 1} more error(s))" : "";
        return (code, Secrets.Redact(message) + more);
    }

    private string Explain(string where, string connection, VendorResponse response, string? code, string message) =>
        FailureMessage.Explain(where, null, response, code, message, new(
            Vendor: vendor,
            Credential: $"the API key in {apiKey.Describe()}",
            CredentialAdvice: keyAdvice,
            PermissionAdvice: "Give the key read access to it.",
            NotFoundAdvice: $"Check the source's base_url ({http.BaseUrl}).",
            Resource: connection,
            Missing: "the endpoint was not found"),
            code switch
            {
                "UNAUTHENTICATED" or "AUTHENTICATION_ERROR" => HttpStatusCode.Unauthorized,
                "FORBIDDEN" => HttpStatusCode.Forbidden,
                "RATELIMITED" or "RATE_LIMITED" => HttpStatusCode.TooManyRequests,
                _ => null,
            });
}
