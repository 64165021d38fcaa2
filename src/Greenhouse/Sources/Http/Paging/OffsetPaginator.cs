using System.Globalization;

namespace Greenhouse.Sources.Http.Paging;

/// <summary><c>offset</c>/<c>limit</c> query parameters, from an offset of 0; a page shorter than <paramref name="Limit"/> ends the listing.</summary>
internal sealed record OffsetPaginator(string OffsetParam, string LimitParam, int Limit) : IUrlPaginator
{
    public Uri First(Uri url) =>
        UrlQuery.With(UrlQuery.With(url, OffsetParam, "0"), LimitParam, Limit.ToString(CultureInfo.InvariantCulture));

    public string? Next(ListPage page) => page.Count >= Limit
        ? (UrlQuery.Number(page.Url, OffsetParam, 0) + page.Count).ToString(CultureInfo.InvariantCulture)
        : null;

    public Uri Follow(Uri url, string next) => UrlQuery.With(url, OffsetParam, next);
}
