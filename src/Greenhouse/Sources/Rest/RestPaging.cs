using Greenhouse.Config;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// A REST stream's paging: the shared paginator its <c>pagination:</c> names (none: one request, one page), followed to
/// the next page's URL as a checkpoint stores it, without a query-parameter credential (<paramref name="clean"/>).
/// An empty page ends the listing, whatever the style.
/// </summary>
internal sealed class RestPaging(RestPaginationConfig config, Func<Uri, Uri> clean) : IPaginator
{
    private readonly IUrlPaginator? _paginator = config.Type switch
    {
        RestPaginationType.NextUrl => new JsonLinkPaginator(config.Path!),
        RestPaginationType.Cursor => new JsonCursorPaginator(config.Path!, config.Param!, config.SizeParam, config.Size),
        RestPaginationType.LinkHeader => new HeaderLinkPaginator(config.ResultsParam),
        RestPaginationType.Offset => new OffsetPaginator(config.Param!, config.SizeParam!, config.Size!.Value),
        RestPaginationType.Page => new PageNumberPaginator(config.Param!, config.SizeParam, config.Size),
        _ => null,
    };

    public Uri First(Uri url) => _paginator?.First(url) ?? url;

    public string? Next(ListPage page) =>
        page.Count > 0 && _paginator?.Next(page) is { } next ? clean(_paginator.Follow(page.Url, next)).AbsoluteUri : null;
}
