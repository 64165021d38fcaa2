using System.Globalization;

namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// A page-number query parameter, from 1, and a page size when <paramref name="SizeParam"/> and <paramref name="Size"/>
/// are both set; a page shorter than <paramref name="Size"/> ends the listing (without a size, an empty page does).
/// </summary>
internal sealed record PageNumberPaginator(string Param, string? SizeParam = null, int? Size = null) : IUrlPaginator
{
    public Uri First(Uri url)
    {
        var first = UrlQuery.With(url, Param, "1");
        return SizeParam is { } name && Size is { } size ? UrlQuery.With(first, name, size.ToString(CultureInfo.InvariantCulture)) : first;
    }

    public string? Next(ListPage page) => Size is null || page.Count >= Size
        ? (UrlQuery.Number(page.Url, Param, 1) + 1).ToString(CultureInfo.InvariantCulture)
        : null;

    public Uri Follow(Uri url, string next) => UrlQuery.With(url, Param, next);
}
