using System.Net;

namespace Greenhouse.Sources.Http;

/// <summary>A vendor's answer with its body buffered (one page at most).</summary>
public sealed record VendorResponse(HttpStatusCode Status, byte[] Body, System.Net.Http.Headers.HttpResponseHeaders Headers, int Attempts)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The redirects followed to this answer, in order (none for most requests).</summary>
    public IReadOnlyList<VendorRedirect> Redirects { get; init; } = [];

    /// <summary>
    /// The vendor's error text: the first of <paramref name="fields"/> that is a top-level string in a JSON body
    /// (Sentry and Buttondown say <c>detail</c>, GitHub <c>message</c>), else the start of the body (a proxy's HTML page, say).
    /// </summary>
    public string ErrorText(params string[] fields)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(Body);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var field in fields)
                {
                    if (document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return value.GetString()!;
                    }
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a JSON body.
        }

        return BodyText(200);
    }

    /// <summary>
    /// The body of a list page as JSON. A body that is not JSON fails the stream, naming <paramref name="page"/>
    /// (e.g. "stripe.customers: page 2 (GET /v1/customers?…)"): nothing from it was committed and the cursor did not move.
    /// </summary>
    public System.Text.Json.JsonDocument ParsePage(string page)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(Body);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new SourceException(
                $"{page} is not valid JSON ({e.Message}). Nothing from this page was committed and the cursor did not move; rerun to retry.", e);
        }
    }

    public string BodyText(int max = 500)
    {
        var text = System.Text.Encoding.UTF8.GetString(Body);
        return text.Length <= max ? text : text[..max] + "…";
    }
}
