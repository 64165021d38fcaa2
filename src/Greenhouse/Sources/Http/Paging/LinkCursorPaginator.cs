namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// Sentry's cursors: the <c>rel="next"</c> link's <c>cursor</c> parameter, sent back as <c>cursor=</c>, while that link says
/// <c>results="true"</c> (Sentry always sends both links; <c>results="false"</c> means there is no next page).
/// A next page without a cursor fails the stream.
/// </summary>
internal sealed record LinkCursorPaginator : IPaginator
{
    public string? Next(ListPage page)
    {
        var link = LinkHeader.Of(page.Response.Headers);
        if (!string.Equals(link.Parameter("next", "results"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var cursor = link.Parameter("next", "cursor");
        return cursor is { Length: 0 }
            ? throw new SourceException($"{page.Name} says a next page exists but its Link header has no cursor.")
            : cursor;
    }
}
