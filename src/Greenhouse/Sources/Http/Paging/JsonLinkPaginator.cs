namespace Greenhouse.Sources.Http.Paging;

/// <summary>The next page's URL is in the body at <paramref name="Path"/> (Buttondown's <c>next</c>); null, empty or missing ends the listing.</summary>
internal sealed record JsonLinkPaginator(string Path = "next") : IUrlPaginator
{
    public string? Next(ListPage page) => JsonPath.Text(page.Root, Path) is { } next ? new Uri(page.Url, next).AbsoluteUri : null;

    public Uri Follow(Uri url, string next) => new(url, next);
}
