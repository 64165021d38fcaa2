using System.Text.Json;

namespace Greenhouse.Sources.Http.Paging;

/// <summary>
/// One page of a vendor's list, parsed once: its records (views into the owned document), the answer it came in and
/// the URL it was read from. <see cref="Name"/> is how messages name it ("stripe.customers: page 2 (GET /v1/customers?…)").
/// </summary>
internal sealed class ListPage(string name, Uri url, VendorResponse response, JsonDocument? document, IReadOnlyList<JsonElement> items) : IDisposable
{
    public string Name { get; } = name;

    public Uri Url { get; } = url;

    public VendorResponse Response { get; } = response;

    /// <summary>The whole body (default when the answer had none, as a 304 or a 204).</summary>
    public JsonElement Root => document?.RootElement ?? default;

    public IReadOnlyList<JsonElement> Items { get; } = items;

    public int Count => Items.Count;

    /// <summary>
    /// When the vendor served the page, by its clock (the <c>Date</c> header, to the second; now when it sent none):
    /// the instant the page's snapshots describe, on the clock the vendor's own timestamps use.
    /// </summary>
    public DateTimeOffset ServedAt { get; } = DateTimeOffset.FromUnixTimeSeconds((response.Headers.Date ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    public void Dispose() => document?.Dispose();
}
