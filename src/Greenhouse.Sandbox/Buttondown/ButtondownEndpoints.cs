using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Buttondown;

/// <summary>
/// The fake's HTTP surface: subscribers and emails behind one filter that logs, injects faults and authenticates.
/// Query parameters as in Buttondown's OpenAPI (buttondown/docs <c>public/openapi.json</c>): subscribers take
/// <c>date__start</c>/<c>date__end</c> (created on or after / before) and <c>{field}__start</c>/<c>__end</c> for their
/// lifecycle dates, all <c>YYYY-MM-DD</c>, and <c>ordering</c> (default <c>-creation_date</c>); emails take
/// <c>creation_date__*</c>, <c>publish_date__*</c> and an <c>ordering</c> enum (default <c>creation_date</c>).
/// </summary>
internal static class ButtondownEndpoints
{
    private static readonly Dictionary<string, string> SubscriberDateFilters = new(StringComparer.Ordinal)
    {
        ["date"] = "creation_date",
        ["upgrade_date"] = "upgrade_date",
        ["churn_date"] = "churn_date",
        ["unsubscription_date"] = "unsubscription_date",
        ["undeliverability_date"] = "undeliverability_date",
        ["last_open_date"] = "last_open_date",
        ["last_click_date"] = "last_click_date",
    };

    private static readonly Dictionary<string, string> EmailDateFilters = new(StringComparer.Ordinal)
    {
        ["creation_date"] = "creation_date",
        ["publish_date"] = "publish_date",
    };

    private static readonly string[] SubscriberOrderings = ["creation_date"];
    private static readonly string[] EmailOrderings = ["creation_date", "publish_date", "modification_date", "status", "subject", "email_type"];

    public static void Map(IEndpointRouteBuilder routes, ButtondownFake fake)
    {
        var group = routes.MapGroup("/v1");
        group.AddEndpointFilter(fake.FilterAsync);
        group.MapGet("/subscribers", (HttpContext http) =>
            Listed(fake, http, fake.Data.Subscribers, SubscriberDateFilters, SubscriberOrderings, "-creation_date"));
        group.MapGet("/emails", (HttpContext http) =>
            Listed(fake, http, fake.Data.Emails, EmailDateFilters, EmailOrderings, "creation_date"));
        group.Map("/{**rest}", () => DjangoJson.Detail(StatusCodes.Status404NotFound, "Not found."));
    }

    private static IResult Error(int status, string code, string detail) =>
        DjangoJson.Result(status, new JsonObject { ["code"] = code, ["detail"] = detail });

    /// <summary>Filters by the date parameters, orders, and pages; 400 for a date that is not YYYY-MM-DD or an unknown ordering.</summary>
    private static IResult Listed(
        ButtondownFake fake, HttpContext http, Func<string, List<JsonObject>> listIn, Dictionary<string, string> dateFilters, string[] orderings, string defaultOrdering)
    {
        var query = http.Request.Query;
        var filters = new List<Func<JsonObject, bool>>();
        foreach (var (parameter, field) in dateFilters)
        {
            foreach (var (suffix, keep) in new (string, Func<string, DateOnly, bool>)[]
            {
                ("__start", (value, bound) => DateOnly.FromDateTime(Instant(value)) >= bound),
                ("__end", (value, bound) => DateOnly.FromDateTime(Instant(value)) < bound),
            })
            {
                var text = query[parameter + suffix].ToString();
                if (text.Length == 0)
                {
                    continue;
                }

                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var bound))
                {
                    return Error(StatusCodes.Status400BadRequest, "invalid_date", $"{parameter}{suffix} must be a date in the form YYYY-MM-DD, not '{text}'.");
                }

                filters.Add(i => (string?)i[field] is { } value && keep(value, bound));
            }
        }

        var ordering = query["ordering"].ToString() is { Length: > 0 } asked ? asked : defaultOrdering;
        if (!orderings.Contains(ordering.TrimStart('-')))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_ordering", $"'{ordering}' is not a valid ordering. Valid orderings: {string.Join(", ", orderings.SelectMany(o => new[] { o, "-" + o }))}.");
        }

        // Filtering keeps the order, so it may come after the (cached) sort.
        var items = listIn(ordering);
        return Paged(fake, http, filters.Count == 0 ? items : [.. items.Where(i => filters.All(keep => keep(i)))]);
    }

    private static DateTime Instant(string iso) => DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static IResult Paged(ButtondownFake fake, HttpContext http, List<JsonObject> items)
    {
        var pageText = http.Request.Query["page"].ToString();
        var page = 1;
        var pages = Math.Max(1, (items.Count + fake.PageSize - 1) / fake.PageSize);
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pages))
        {
            return DjangoJson.Detail(StatusCodes.Status404NotFound, "Invalid page.");
        }

        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        var others = string.Concat(http.Request.Query.Where(q => q.Key != "page")
            .SelectMany(q => q.Value.Select(v => $"&{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        string Url(int number) => $"{baseUrl}?page={number}{others}";
        var results = new JsonArray([.. items.Skip((page - 1) * fake.PageSize).Take(fake.PageSize).Select(i => i.DeepClone())]);
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
        return DjangoJson.Result(StatusCodes.Status200OK, body);
    }
}
