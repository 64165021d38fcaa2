namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// The body holds a cursor at <paramref name="Path"/>, sent back in the query parameter <paramref name="Param"/>; null,
/// empty or missing ends the listing. <paramref name="SizeParam"/> and <paramref name="Size"/>, when both are set, ask for a page size.
/// </summary>
internal sealed record JsonCursorPaginator(string Path, string Param, string? SizeParam = null, int? Size = null) : IUrlPaginator
{
    public Uri First(Uri url) => SizeParam is { } name && Size is { } size ? UrlQuery.With(url, name, size.ToString(System.Globalization.CultureInfo.InvariantCulture)) : url;

    public string? Next(ListPage page) => JsonPath.Text(page.Root, Path);

    public Uri Follow(Uri url, string next) => UrlQuery.With(url, Param, next);
}
