using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Buttondown;

/// <summary>
/// Buttondown's list API: <c>Authorization: Token &lt;key&gt;</c>, page-number paging exposed as a <c>next</c> URL in the
/// body, and <c>{"detail":"…"}</c> errors. A 401 names the key's variable, never its value. The token is only ever
/// sent to the configured host: a <c>next</c> URL elsewhere fails the stream.
/// </summary>
internal sealed class ButtondownApi(VendorHttpClient http, Credential apiKey)
{
    public async Task<ListPage> ListAsync(string stream, string url, int pageNumber, CancellationToken cancellationToken)
    {
        var target = http.Resolve(url);
        if (!string.Equals(target.GetLeftPart(UriPartial.Authority), http.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new SourceException(
                $"{stream}: Buttondown's next page is on another host ({target.GetLeftPart(UriPartial.Authority)}, not {http.BaseUrl.GetLeftPart(UriPartial.Authority)}); " +
                "the API key is not sent there. Set base_url to the host Buttondown pages on.");
        }

        var response = await http.GetAsync(target.AbsoluteUri,
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Token", apiKey.Value),
            cancellationToken);
        var request = $"GET {target.PathAndQuery}";
        if (!response.IsSuccess)
        {
            throw new SourceException(Explain(stream, response, request));
        }

        var name = $"{stream}: page {pageNumber} ({request})";
        return ListPage.Parse(name, target, response,
            root => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var results)
                && root.TryGetProperty("next", out var next) && next.ValueKind is JsonValueKind.String or JsonValueKind.Null ? results : null,
            $"{name} is not a Buttondown list (expected an object with 'results' and 'next'). " +
            "Nothing from this page was committed; check base_url points at the Buttondown API (…/v1).");
    }

    private string Explain(string stream, VendorResponse response, string request) =>
        FailureMessage.Explain(stream, request.Split('?')[0], response, null, response.ErrorText("detail"), new(
            Vendor: "Buttondown",
            Credential: $"the API key in {apiKey.Describe()}",
            CredentialAdvice: "Set it to a valid key from Buttondown's Settings → API.",
            PermissionAdvice: "Give the key read access to subscribers and emails.",
            NotFoundAdvice: $"Check the source's base_url ({http.BaseUrl}); it ends in /v1."));
}
