namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// A paging style (dlt's <c>rest_client</c> paginators): from one page, where the next one is (its URL, or the cursor
/// the stream sends for it), or null when the page was the listing's last.
/// </summary>
internal interface IPaginator
{
    string? Next(ListPage page);
}
