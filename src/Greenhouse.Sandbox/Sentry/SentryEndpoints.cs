using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Sentry;

/// <summary>The fake's HTTP surface: the organization's projects, releases and issues, behind one filter that logs, injects faults, authenticates and rate-limits.</summary>
internal static partial class SentryEndpoints
{
    private const int MaxLimit = 100;

    [GeneratedRegex("^(?<n>[0-9]+)(?<unit>[smhdw])$")]
    private static partial Regex PeriodPattern();

    public static void Map(IEndpointRouteBuilder routes, SentryFake fake)
    {
        var group = routes.MapGroup("/api/0");
        group.AddEndpointFilter(fake.FilterAsync);
        group.MapGet("/organizations/{org}/projects/", (HttpContext http, string org) =>
            List(http, org, () => [.. fake.Data.Projects().OrderBy(p => (string)p["slug"]!, StringComparer.Ordinal)]));
        group.MapGet("/organizations/{org}/releases/", (HttpContext http, string org) =>
            List(http, org, () => [.. fake.Data.Releases().OrderByDescending(r => (string)r["dateCreated"]!, StringComparer.Ordinal)]));
        group.MapGet("/organizations/{org}/issues/", (HttpContext http, string org) => Issues(fake, http, org));
        group.Map("/{**rest}", () => DjangoJson.Detail(StatusCodes.Status404NotFound, "The requested resource does not exist"));

        IResult List(HttpContext http, string org, Func<List<JsonObject>> items) =>
            org != SentryFakeData.Organization
                ? DjangoJson.Detail(StatusCodes.Status404NotFound, "The requested resource does not exist")
                : Paged(fake, http, items());
    }

    private static IResult Issues(SentryFake fake, HttpContext http, string org)
    {
        if (org != SentryFakeData.Organization)
        {
            return DjangoJson.Detail(StatusCodes.Status404NotFound, "The requested resource does not exist");
        }

        var query = http.Request.Query;
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset start, end;
        var hasWindow = query.ContainsKey("start") || query.ContainsKey("end");
        if (hasWindow && query.ContainsKey("statsPeriod"))
        {
            return DjangoJson.Detail(StatusCodes.Status400BadRequest, "start/end and statsPeriod are mutually exclusive");
        }

        if (hasWindow)
        {
            if (!TryInstant(query["start"], out start) || !TryInstant(query["end"], out end))
            {
                return DjangoJson.Detail(StatusCodes.Status400BadRequest, "start and end are both required, as ISO 8601 dates");
            }
        }
        else
        {
            // Sentry's default when neither is given: the last 14 days.
            var period = query["statsPeriod"].ToString();
            var match = PeriodPattern().Match(period.Length == 0 ? "14d" : period);
            if (!match.Success)
            {
                return DjangoJson.Detail(StatusCodes.Status400BadRequest, $"Invalid statsPeriod: {period}");
            }

            var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var span = match.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            };
            (start, end) = (now - span, now);
        }

        // The default search is is:unresolved; "query=" (empty) means every status.
        var search = query.ContainsKey("query") ? query["query"].ToString() : "is:unresolved";
        var statuses = search.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.StartsWith("is:", StringComparison.Ordinal)).Select(t => t[3..]).ToHashSet(StringComparer.Ordinal);

        var sort = query.ContainsKey("sort") ? query["sort"].ToString() : "date";
        Func<JsonObject, string> key = sort switch
        {
            "date" => i => (string)i["lastSeen"]!,
            "new" => i => (string)i["firstSeen"]!,
            "freq" => i => long.Parse((string)i["count"]!, CultureInfo.InvariantCulture).ToString("D20", CultureInfo.InvariantCulture),
            "user" => i => ((int)i["userCount"]!).ToString("D10", CultureInfo.InvariantCulture),
            _ => null!,
        };
        if (key is null)
        {
            return DjangoJson.Detail(StatusCodes.Status400BadRequest, $"Invalid sort: {sort}");
        }

        // An issue matches a window when it had events in it: first seen before its end, last seen after its start.
        var issues = fake.Data.Issues()
            .Where(i => statuses.Count == 0 || statuses.Contains((string)i["status"]!))
            .Where(i => Instant(i["firstSeen"]) <= end && Instant(i["lastSeen"]) >= start)
            .OrderByDescending(key, StringComparer.Ordinal)
            .ThenByDescending(i => (string)i["id"]!, StringComparer.Ordinal)
            .ToList();
        return Paged(fake, http, issues);
    }

    private static IResult Paged(SentryFake fake, HttpContext http, List<JsonObject> items)
    {
        var query = http.Request.Query;
        var limit = MaxLimit;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return DjangoJson.Detail(StatusCodes.Status400BadRequest, $"Invalid limit value. Cannot exceed {MaxLimit}.");
        }

        var offset = 0;
        var cursor = query["cursor"].ToString();
        if (cursor.Length > 0)
        {
            var parts = cursor.Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                return DjangoJson.Detail(StatusCodes.Status400BadRequest, "Invalid cursor parameter.");
            }
        }

        var page = items.Skip(offset).Take(limit).ToList();
        if (fake.RepeatFirstRecord && page.Count > 0)
        {
            page.Insert(1, (JsonObject)page[0].DeepClone());
        }
        var hasNext = offset + limit < items.Count;
        var nextCursor = fake.StuckCursor && cursor.Length > 0 ? cursor : $"0:{offset + limit}:0";
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        var others = string.Join("", query.Where(q => q.Key != "cursor")
            .SelectMany(q => q.Value.Select(v => $"&{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        string Link(string rel, bool results, string at) =>
            $"<{baseUrl}?{others}&cursor={Uri.EscapeDataString(at)}>; rel=\"{rel}\"; results=\"{(results ? "true" : "false")}\"; cursor=\"{at}\"";
        http.Response.Headers["Link"] = Link("previous", offset > 0, $"0:{Math.Max(0, offset - limit)}:1") + ", " + Link("next", hasNext || fake.StuckCursor, nextCursor);
        http.Response.Headers["X-Hits"] = items.Count.ToString(CultureInfo.InvariantCulture);
        return DjangoJson.Result(StatusCodes.Status200OK, new JsonArray([.. page]));
    }

    private static DateTimeOffset Instant(JsonNode? node) =>
        DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static bool TryInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
}
