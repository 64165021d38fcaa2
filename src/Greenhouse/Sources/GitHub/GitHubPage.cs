using System.Text.Json;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// One page of a GitHub list: the JSON array, the <c>rel="next"</c> link, the page's ETag, and when GitHub served it.
/// A 304 (<see cref="NotModified"/>) has no items.
/// </summary>
internal sealed class GitHubPage(JsonDocument? document, Uri? next, string? etag, DateTimeOffset servedAt) : IDisposable
{
    public bool NotModified => document is null;

    public JsonElement Items => document?.RootElement ?? default;

    public IEnumerable<JsonElement> Records => document is null ? [] : document.RootElement.EnumerateArray();

    public Uri? Next { get; } = next;

    public string? ETag { get; } = etag;

    public DateTimeOffset ServedAt { get; } = servedAt;

    public void Dispose() => document?.Dispose();
}
