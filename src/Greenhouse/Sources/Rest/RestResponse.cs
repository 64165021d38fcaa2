using System.Net.Http.Headers;
using System.Text.Json;

namespace Greenhouse.Sources.Rest;

/// <summary>One page's answer: its JSON body (parsed once), its headers, and when it was served (to the second).</summary>
internal sealed class RestResponse(JsonDocument document, HttpResponseHeaders headers, DateTimeOffset servedAt) : IDisposable
{
    public JsonElement Root => document.RootElement;

    public HttpResponseHeaders Headers { get; } = headers;

    public DateTimeOffset ServedAt { get; } = servedAt;

    public void Dispose() => document.Dispose();
}
