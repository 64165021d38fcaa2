using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace Greenhouse.Sandbox.Rest;

/// <summary>
/// A tiny generic JSON list API for the declarative REST source's paging styles the vendor fakes don't use:
/// <c>GET /offset/items?offset=&amp;limit=</c> (key in the <c>api_key</c> query parameter) and
/// <c>GET /cursor/items?after=&amp;limit=</c> (HTTP Basic), both answering <c>{"data":[…]}</c>, the cursor one with
/// <c>"meta":{"next_cursor":…}</c>. Items are <c>{"id":"item_01","amount":…,"updated_at":unix seconds}</c>, sorted by id.
/// </summary>
public sealed class RestFake : IVendorFake
{
    public const string ApiKey = "rest_fake_key_0123456789";
    public const string Username = "greenhouse";
    public const int MaxLimit = 10;

    private readonly List<JsonObject> _items = [.. Enumerable.Range(1, 23).Select(n => new JsonObject
    {
        ["id"] = $"item_{n:00}",
        ["amount"] = n * 100,
        ["updated_at"] = 1_767_225_600 + (n * 3600),
    })];

    public string Name => "rest";

    public bool ServeAtRoot => false;

    public IReadOnlyList<string> Ids => [.. _items.Select(i => (string)i["id"]!)];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/offset/items", (HttpContext http) =>
        {
            if (http.Request.Query["api_key"] != ApiKey)
            {
                return Error(StatusCodes.Status401Unauthorized, "Invalid API key.");
            }

            var offset = Number(http, "offset", 0);
            var page = _items.Skip(offset).Take(Math.Min(Number(http, "limit", MaxLimit), MaxLimit));
            return Json(new JsonObject { ["data"] = new JsonArray([.. page.Select(i => i.DeepClone())]) });
        });
        routes.MapGet("/cursor/items", (HttpContext http) =>
        {
            var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{ApiKey}"));
            if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var auth) || auth.Scheme != "Basic" || auth.Parameter != expected)
            {
                return Error(StatusCodes.Status401Unauthorized, "Invalid credentials.");
            }

            var after = http.Request.Query["after"].ToString();
            var page = _items.Where(i => string.CompareOrdinal((string)i["id"]!, after) > 0).Take(Math.Min(Number(http, "limit", MaxLimit), MaxLimit)).ToList();
            var last = (string?)page.LastOrDefault()?["id"];
            var more = last is not null && last != (string)_items[^1]["id"]!;
            return Json(new JsonObject
            {
                ["data"] = new JsonArray([.. page.Select(i => i.DeepClone())]),
                ["meta"] = new JsonObject { ["next_cursor"] = more ? last : null },
            });
        });
    }

    private static int Number(HttpContext http, string name, int fallback) =>
        int.TryParse(http.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static JsonBytesResult Json(JsonObject body) => new JsonBytesResult(StatusCodes.Status200OK, Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static JsonBytesResult Error(int status, string message) => new JsonBytesResult(status, Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString()));
}
