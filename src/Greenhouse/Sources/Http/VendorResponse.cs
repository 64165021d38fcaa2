using System.Net;

namespace Greenhouse.Sources.Http;

/// <summary>A vendor's answer with its body buffered (one page at most).</summary>
public sealed record VendorResponse(HttpStatusCode Status, byte[] Body, System.Net.Http.Headers.HttpResponseHeaders Headers, int Attempts)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public string BodyText(int max = 500)
    {
        var text = System.Text.Encoding.UTF8.GetString(Body);
        return text.Length <= max ? text : text[..max] + "…";
    }
}
