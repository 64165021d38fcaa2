using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// GETs one page of a REST source with its credential (bearer, basic, a header or a query parameter) and parses the body.
/// The credential is only sent to the configured host: a next page elsewhere fails the stream. Errors name the source,
/// the stream and the credential's variable, never its value; a body that is not JSON, or without an array at the stream's
/// <c>records:</c> path, fails before anything is committed.
/// </summary>
internal sealed class RestApi(string source, VendorHttpClient http, RestAuthConfig auth)
{
    public Uri Resolve(string path) => http.Resolve(path);

    /// <summary>A next-page URL as it is stored in a checkpoint: without a query-parameter credential.</summary>
    public Uri Clean(Uri url) => auth.Type == RestAuthType.Query ? UrlQuery.Without(url, auth.Name!) : url;

    public async Task<ListPage> GetAsync(StreamDescriptor stream, Uri url, int pageNumber, string recordsPath, CancellationToken cancellationToken)
    {
        var request = $"GET {url.PathAndQuery}";
        if (!string.Equals(url.GetLeftPart(UriPartial.Authority), http.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new SourceException(
                $"{stream.FullName}: page {pageNumber} is on another host ({url.GetLeftPart(UriPartial.Authority)}, not {http.BaseUrl.GetLeftPart(UriPartial.Authority)}); " +
                $"the credential is not sent there. Set sources.{source}.base_url to the host the API pages on.");
        }

        var target = auth.Type == RestAuthType.Query ? UrlQuery.With(url, auth.Name!, auth.Secret!.Value) : url;
        var response = await http.GetAsync(target.AbsoluteUri, Authorize, cancellationToken);
        if (!response.IsSuccess)
        {
            throw new SourceException(Explain(stream, response, request));
        }

        var name = $"{stream.FullName}: page {pageNumber} ({Secrets.Redact(request)})";
        return ListPage.Parse(name, url, response, root => JsonPath.Find(root, recordsPath),
            $"{stream.FullName}: page {pageNumber} (GET {url.AbsolutePath}) has no array at records: '{recordsPath}'. " +
            $"Nothing from this page was committed; check sources.{source}.streams.{stream.Name}.records.");
    }

    private void Authorize(HttpRequestMessage request)
    {
        switch (auth.Type)
        {
            case RestAuthType.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.Secret!.Value);
                break;
            case RestAuthType.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.Username}:{auth.Secret!.Value}")));
                break;
            case RestAuthType.Header:
                request.Headers.TryAddWithoutValidation(auth.Name!, auth.Prefix + auth.Secret!.Value);
                break;
            default:
                break;
        }
    }

    private string Explain(StreamDescriptor stream, VendorResponse response, string request) =>
        FailureMessage.Explain(stream.FullName, request.Split('?')[0], response, null, response.ErrorText("detail", "message", "error"), new(
            Vendor: http.BaseUrl.Host,
            Credential: auth.Secret is { } secret ? $"the credential in {secret.Describe()}" : $"no credential (sources.{source}.auth is not set)",
            CredentialAdvice: $"Set it to a valid credential, or check sources.{source}.auth.",
            PermissionAdvice: "Give the credential read access to this endpoint.",
            NotFoundAdvice: $"Check sources.{source}.streams.{stream.Name}.path and base_url ({http.BaseUrl})."));
}
