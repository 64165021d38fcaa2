using System.Text.Json;

namespace Greenhouse.Sources.Http.Paging;

/// <summary>Stripe's lists: while <c>has_more</c> is true, the next page starts after the last object's <c>id</c> (<c>starting_after</c>).</summary>
internal sealed record StartingAfterPaginator : IPaginator
{
    public string? Next(ListPage page) =>
        page.Root.TryGetProperty("has_more", out var hasMore) && hasMore.ValueKind == JsonValueKind.True && page.Count > 0
            ? page.Items[^1].GetProperty("id").GetString()
            : null;
}
