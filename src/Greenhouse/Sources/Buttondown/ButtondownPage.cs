using System.Text.Json;

namespace Greenhouse.Sources.Buttondown;

/// <summary>One page of a Buttondown list: <c>{"count":…,"next":url|null,"previous":…,"results":[…]}</c>, parsed once.</summary>
internal sealed class ButtondownPage(JsonDocument document, JsonElement results, string? next, DateTimeOffset servedAt) : IDisposable
{
    public JsonElement Results { get; } = results;

    /// <summary>The absolute URL of the next page, or null on the last page.</summary>
    public string? Next { get; } = next;

    public DateTimeOffset ServedAt { get; } = servedAt;

    public void Dispose() => document.Dispose();
}
