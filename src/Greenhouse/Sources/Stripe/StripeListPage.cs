using System.Text.Json;

namespace Greenhouse.Sources.Stripe;

/// <summary>One page of a Stripe list: <c>{"object":"list","data":[…],"has_more":…}</c>, parsed once.</summary>
internal sealed class StripeListPage(JsonDocument document, JsonElement data, bool hasMore, DateTimeOffset servedAt) : IDisposable
{
    /// <summary>
    /// When Stripe served the page, by Stripe's clock (the <c>Date</c> header), so a listed object's snapshot
    /// and an event's <c>created</c> compare on one clock, at Stripe's one-second resolution.
    /// </summary>
    public DateTimeOffset ServedAt { get; } = servedAt;

    public JsonElement Data { get; } = data;

    public bool HasMore { get; } = hasMore;

    public int Count => Data.GetArrayLength();

    public string? LastId => Count == 0 ? null : Data[Count - 1].GetProperty("id").GetString();

    public void Dispose() => document.Dispose();
}
