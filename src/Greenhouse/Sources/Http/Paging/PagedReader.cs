using System.Runtime.CompilerServices;

namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// The one page loop of a stream's run: numbers the pages (on through the run's listings, as messages name them), asks
/// the <see cref="IPaginator"/> where each page's next one is, and fails the stream when that is a page or cursor this
/// run already had, with the stream's <paramref name="repeated"/> message (next, page number), instead of paging in a
/// loop. The check comes before the page is handed back, so nothing of the page that repeats is committed. The stream
/// builds each <see cref="Page"/> and its checkpoint from what it is handed; a page is disposed when the next is asked for.
/// </summary>
internal sealed class PagedReader(IPaginator paginator, Func<string, int, string> repeated)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _pageNumber;

    /// <summary>
    /// Reads one listing from <paramref name="from"/> (its first page's URL, or the cursor a resumed run continues after;
    /// null for the first page of a cursor listing) until a page has no next one. <paramref name="fetch"/> GETs the page at
    /// a position with its number.
    /// </summary>
    public async IAsyncEnumerable<ListedPage> ReadAsync(
        string? from, Func<string?, int, CancellationToken, Task<ListPage>> fetch, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (from is not null)
        {
            _seen.Add(from);
        }

        var position = from;
        while (true)
        {
            using var page = await fetch(position, ++_pageNumber, cancellationToken);
            var next = paginator.Next(page);
            if (next is not null && !_seen.Add(next))
            {
                throw new SourceException(repeated(next, _pageNumber));
            }

            yield return new ListedPage(page, _pageNumber, next);
            if (next is null)
            {
                yield break;
            }

            position = next;
        }
    }
}
