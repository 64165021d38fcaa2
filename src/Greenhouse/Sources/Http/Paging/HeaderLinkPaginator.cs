namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// An RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header (GitHub); no such link ends the listing, and so does
/// <c><paramref name="ResultsParam"/>="false"</c> on it when set (Sentry's <c>results</c>).
/// </summary>
internal sealed record HeaderLinkPaginator(string? ResultsParam = null) : IUrlPaginator
{
    public string? Next(ListPage page)
    {
        var link = LinkHeader.Of(page.Response.Headers);
        return ResultsParam is { } results && string.Equals(link.Parameter("next", results), "false", StringComparison.OrdinalIgnoreCase)
            ? null
            : link.Rel("next")?.AbsoluteUri;
    }

    public Uri Follow(Uri url, string next) => new(next);
}
