using System.Net;
using System.Text.Json;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Tests.Sources.Paging;

/// <summary>Builds a <see cref="ListPage"/> as a connector's API would from an answer: a JSON body, its records and headers.</summary>
internal static class Pages
{
    public static ListPage Of(string url, string body, string records = "", string? link = null, DateTimeOffset? date = null)
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK);
        if (link is not null)
        {
            message.Headers.TryAddWithoutValidation("Link", link);
        }

        message.Headers.Date = date;
        var document = JsonDocument.Parse(body);
        var items = JsonPath.Find(document.RootElement, records) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : new List<JsonElement>();
        var response = new VendorResponse(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetBytes(body), message.Headers, 1);
        return new ListPage($"test.stream: page 1 (GET {new Uri(url).PathAndQuery})", new Uri(url), response, document, items);
    }
}
