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

    /// <summary>
    /// A list page from its answer's body (a body that is not JSON fails, see <see cref="VendorResponse.ParsePage"/>):
    /// <paramref name="records"/> finds the array of records in the body, or null when the body is not the vendor's list,
    /// which fails the stream with <paramref name="notAList"/> before anything of it is committed.
    /// </summary>
    public static ListPage Parse(string name, Uri url, VendorResponse response, Func<JsonElement, JsonElement?> records, string notAList)
    {
        var document = response.ParsePage(name);
        if (records(document.RootElement) is not { ValueKind: JsonValueKind.Array } items)
        {
            document.Dispose();
            throw new SourceException(notAList);
        }

        return new ListPage(name, url, response, document, [.. items.EnumerateArray()]);
    }

    public void Dispose() => document?.Dispose();
}
