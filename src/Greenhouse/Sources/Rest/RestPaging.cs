using System.Globalization;
using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// The URL of a REST stream's first page and of the page after each one, for every paging style:
/// a next URL or cursor in the body, a <c>Link</c> header, offset/limit, or a page number. Null means the listing is done.
/// </summary>
internal static class RestPaging
{
    public static Uri First(RestPaginationConfig paging, Uri url) => paging.Type switch
    {
        RestPaginationType.Offset => Size(RestUrl.With(url, paging.Param!, "0"), paging),
        RestPaginationType.Page => Size(RestUrl.With(url, paging.Param!, "1"), paging),
        RestPaginationType.Cursor => Size(url, paging),
        _ => url,
    };

    public static Uri? Next(RestPaginationConfig paging, Uri url, RestResponse response, int count)
    {
        switch (paging.Type)
        {
            case RestPaginationType.NextUrl:
                return RestJson.Text(response.Root, paging.Path!) is { } next ? new Uri(url, next) : null;
            case RestPaginationType.Cursor:
                return RestJson.Text(response.Root, paging.Path!) is { } cursor ? RestUrl.With(url, paging.Param!, cursor) : null;
            case RestPaginationType.LinkHeader:
                var link = LinkHeader.Parse(response.Headers.TryGetValues("Link", out var values) ? values : null);
                return paging.ResultsParam is { } results && string.Equals(link.Parameter("next", results), "false", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : link.Rel("next");
            case RestPaginationType.Offset when count >= paging.Size:
                return RestUrl.With(url, paging.Param!, (Number(url, paging.Param!, 0) + count).ToString(CultureInfo.InvariantCulture));
            case RestPaginationType.Page when paging.Size is null || count >= paging.Size:
                return RestUrl.With(url, paging.Param!, (Number(url, paging.Param!, 1) + 1).ToString(CultureInfo.InvariantCulture));
            default:
                return null;
        }
    }

    private static Uri Size(Uri url, RestPaginationConfig paging) =>
        paging is { SizeParam: { } name, Size: { } size } ? RestUrl.With(url, name, size.ToString(CultureInfo.InvariantCulture)) : url;

    private static long Number(Uri url, string name, long fallback) =>
        long.TryParse(RestUrl.Get(url, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
