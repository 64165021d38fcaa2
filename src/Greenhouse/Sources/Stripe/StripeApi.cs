using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Stripe's list API as Stripe documents it: <c>Authorization: Bearer</c>, a pinned <c>Stripe-Version</c>,
/// <c>limit</c>/<c>starting_after</c>/<c>has_more</c> paging, and its error bodies turned into messages that
/// say what to do (a 401 names the credential's variable, never its value).
/// </summary>
internal sealed class StripeApi(VendorHttpClient http, Credential apiKey, string apiVersion)
{
    public const string PinnedVersion = "2025-02-24.acacia";
    public const int PageSize = 100;

    public async Task<ListPage> ListAsync(string stream, string pathAndQuery, int pageNumber, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(pathAndQuery, Operation(pathAndQuery), Authorize, cancellationToken);

        if (!response.IsSuccess)
        {
            var (_, _, param) = ErrorOf(response);
            if (response.Status == HttpStatusCode.BadRequest && param == "starting_after")
            {
                throw new StripeCursorGoneException();
            }

            throw new SourceException(Explain(stream, response, pathAndQuery));
        }

        var name = $"{stream}: page {pageNumber} (GET /{pathAndQuery})";
        return ListPage.Parse(name, http.Resolve(pathAndQuery), response,
            root => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data)
                && root.TryGetProperty("has_more", out var hasMore) && hasMore.ValueKind is JsonValueKind.True or JsonValueKind.False ? data : null,
            $"{name} is not a Stripe list (expected an object with 'data' and 'has_more'). " +
            "Nothing from this page was committed; check base_url points at the Stripe API.");
    }

    /// <summary>
    /// One object as the API serves it now (<c>GET /v1/&lt;objects&gt;/&lt;id&gt;</c>): its JSON and the second Stripe
    /// served it (its <c>Date</c>); null when Stripe answers 404 or a <c>deleted: true</c> stub (the object is gone).
    /// Any other failure throws a <see cref="SourceException"/> that names the credential's variable, never its value.
    /// </summary>
    public async Task<(JsonElement Object, DateTimeOffset ServedAt)?> RetrieveAsync(string stream, string path, string id, CancellationToken cancellationToken)
    {
        var pathAndId = $"{path}/{Uri.EscapeDataString(id)}";
        var response = await http.GetAsync(pathAndId, Operation(path + "/{id}"), Authorize, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound && ErrorOf(response).Type == "invalid_request_error")
        {
            return null; // "No such invoice: 'in_…'" (resource_missing); any other 404 is a wrong base URL, explained below
        }

        if (!response.IsSuccess)
        {
            throw new SourceException(Explain(stream, response, pathAndId));
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            root = default;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out _))
        {
            throw new SourceException($"{stream}: GET /{path}/… did not answer a Stripe object; check base_url ({http.BaseUrl}) points at the Stripe API.");
        }

        var servedAt = DateTimeOffset.FromUnixTimeSeconds((response.Headers.Date ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());
        return root.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True ? null : (root, servedAt);
    }

    private void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Value);
        request.Headers.Add("Stripe-Version", apiVersion);
    }

    private string Explain(string stream, VendorResponse response, string pathAndQuery)
    {
        var (type, message, _) = ErrorOf(response);
        return FailureMessage.Explain(stream, Operation(pathAndQuery), response, type, message, new(
            Vendor: "Stripe",
            Credential: $"the API key in {apiKey.Describe()}",
            CredentialAdvice: "Set it to a valid secret key (sk_live_… or sk_test_…).",
            PermissionAdvice: "Give the (restricted) key read access to this resource.",
            NotFoundAdvice: $"Check the source's base_url ({http.BaseUrl})."));
    }

    /// <summary>
    /// The operation a request is: its method and path without the query (<c>GET /v1/customers</c>). A retrieve's is
    /// <c>GET /v1/customers/{id}</c> whatever the id: Stripe counts every retrieve of one object type against one endpoint's limit.
    /// </summary>
    private static string Operation(string pathAndQuery) => $"GET /{pathAndQuery.Split('?')[0]}";

    private static (string? Type, string Message, string? Param) ErrorOf(VendorResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                var type = error.TryGetProperty("type", out var t) ? t.GetString() : null;
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                var param = error.TryGetProperty("param", out var p) ? p.GetString() : null;
                return (type, message ?? response.BodyText(200), param);
            }
        }
        catch (JsonException)
        {
            // Not Stripe's JSON error body (a proxy's HTML page, say): show the start of it.
        }

        return (null, response.BodyText(200), null);
    }
}
