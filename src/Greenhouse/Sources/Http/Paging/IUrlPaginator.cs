namespace Greenhouse.Sources.Http.Paging;

/// <summary>A paging style whose next page is a GET of a URL: the first page's URL, and the URL of the page <see cref="IPaginator.Next"/> pointed at.</summary>
internal interface IUrlPaginator : IPaginator
{
    /// <summary>The first page of the listing at <paramref name="url"/> (an offset of 0, page 1, a page size); most styles leave it as it is.</summary>
    Uri First(Uri url) => url;

    /// <summary>The next page's URL, from this page's <paramref name="url"/> and what <see cref="IPaginator.Next"/> said.</summary>
    Uri Follow(Uri url, string next);
}
