using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Buttondown;

/// <summary>The fake's HTTP surface: subscribers and emails, newest first, behind one filter that logs, injects faults and authenticates.</summary>
internal static class ButtondownEndpoints
{
    private static readonly JsonSerializerOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(IEndpointRouteBuilder routes, ButtondownFake fake)
    {
        var group = routes.MapGroup("/v1");
        group.AddEndpointFilter(fake.FilterAsync);
        group.MapGet("/subscribers", (HttpContext http) =>
            Paged(fake, http, [.. fake.Data.Subscribers().OrderByDescending(s => (string)s["creation_date"]!, StringComparer.Ordinal)]));
        group.MapGet("/emails", (HttpContext http) =>
            Paged(fake, http, [.. fake.Data.Emails().OrderByDescending(e => (string)e["creation_date"]!, StringComparer.Ordinal)]));
        group.Map("/{**rest}", () => Detail(StatusCodes.Status404NotFound, "Not found."));
    }

    public static IResult Detail(int status, string detail) =>
        new JsonBytesResult(status, Encoding.UTF8.GetBytes(new JsonObject { ["detail"] = detail }.ToJsonString(WriterOptions)));

    private static IResult Paged(ButtondownFake fake, HttpContext http, List<JsonObject> items)
    {
        var pageText = http.Request.Query["page"].ToString();
        var page = 1;
        var pages = Math.Max(1, (items.Count + fake.PageSize - 1) / fake.PageSize);
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pages))
        {
            return Detail(StatusCodes.Status404NotFound, "Invalid page.");
        }

        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        var others = string.Concat(http.Request.Query.Where(q => q.Key != "page")
            .SelectMany(q => q.Value.Select(v => $"&{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        string Url(int number) => $"{baseUrl}?page={number}{others}";
        var results = new JsonArray([.. items.Skip((page - 1) * fake.PageSize).Take(fake.PageSize)]);
        if (fake.RepeatFirstRecord && results.Count > 0)
        {
            results.Insert(1, results[0]!.DeepClone());
        }

        var body = new JsonObject
        {
            ["count"] = items.Count,
            ["next"] = fake.StuckNext ? Url(page) : page < pages ? Url(page + 1) : null,
            ["previous"] = page > 1 ? Url(page - 1) : null,
            ["results"] = results,
        };
        return new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes(body.ToJsonString(WriterOptions)));
    }
}
