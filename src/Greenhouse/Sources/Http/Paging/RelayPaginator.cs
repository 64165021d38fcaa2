using System.Text.Json;

namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// A GraphQL Relay connection (<c>data.<paramref name="Connection"/>.pageInfo {hasNextPage endCursor}</c>): while
/// <c>hasNextPage</c>, the next page comes <c>after</c> the <c>endCursor</c>. A next page without an end cursor fails the stream.
/// </summary>
internal sealed record RelayPaginator(string Connection) : IPaginator
{
    public string? Next(ListPage page)
    {
        var pageInfo = page.Root.GetProperty("data").GetProperty(Connection).GetProperty("pageInfo");
        if (!pageInfo.TryGetProperty("hasNextPage", out var hasNext) || hasNext.ValueKind != JsonValueKind.True)
        {
            return null;
        }

        return pageInfo.TryGetProperty("endCursor", out var end) && end.ValueKind == JsonValueKind.String
            ? end.GetString()
            : throw new SourceException($"{page.Name} says hasNextPage but has no endCursor. Nothing from this page was committed; rerun to retry.");
    }
}
