using System.Text.Json;

namespace Greenhouse.Sources.Stripe;

/// <summary>One page of a Stripe list: <c>{"object":"list","data":[…],"has_more":…}</c>, parsed once.</summary>
internal sealed class StripeListPage(JsonDocument document, JsonElement data, bool hasMore) : IDisposable
{
    public JsonElement Data { get; } = data;

    public bool HasMore { get; } = hasMore;

    public int Count => Data.GetArrayLength();

    public string? LastId => Count == 0 ? null : Data[Count - 1].GetProperty("id").GetString();

    public void Dispose() => document.Dispose();
}
