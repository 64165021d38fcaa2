using System.Text.Json;

namespace Greenhouse.Sources.Sentry;

/// <summary>
/// One page of a Sentry list: a JSON array, and the <c>cursor</c> of the <c>rel="next"</c> link when that link says
/// <c>results="true"</c> (Sentry always sends both links; <c>results="false"</c> means there is no next page).
/// </summary>
internal sealed class SentryPage(JsonDocument document, string? nextCursor, DateTimeOffset servedAt) : IDisposable
{
    public JsonElement Items => document.RootElement;

    public string? NextCursor { get; } = nextCursor;

    /// <summary>When Sentry served the page (its <c>Date</c> header, to the second): the snapshot time of its records.</summary>
    public DateTimeOffset ServedAt { get; } = servedAt;

    public void Dispose() => document.Dispose();
}
