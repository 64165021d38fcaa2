using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Sentry;

/// <summary>
/// Sentry's organization list endpoints as documented (getsentry/sentry-docs <c>docs/api/{auth,pagination,ratelimits}</c>):
/// <c>Authorization: Bearer</c>, <c>limit</c> ≤ 100, and cursor paging through the <c>Link</c> header, where both
/// <c>rel="previous"</c> and <c>rel="next"</c> are always present and <c>results="true|false"</c> says whether a page exists.
/// Errors are <c>{"detail":"…"}</c>; a 401 names the token's variable, a 404 the organization.
/// </summary>
internal sealed class SentryApi(VendorHttpClient http, Credential token, string organization)
{
    public const int PageSize = 100;
    public const int DefaultRetentionDays = 90;

    public string Organization { get; } = organization;

    /// <summary>The path of an organization endpoint, relative to the base URL: <c>api/0/organizations/acme/issues/</c>.</summary>
    public string PathOf(string endpoint) => $"api/0/organizations/{Uri.EscapeDataString(Organization)}/{endpoint}";

    public async Task<ListPage> ListAsync(string stream, string pathAndQuery, int pageNumber, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(pathAndQuery,
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value),
            cancellationToken);
        if (!response.IsSuccess)
        {
            throw new SourceException(Explain(stream, response, pathAndQuery));
        }

        var name = $"{stream}: page {pageNumber} (GET /{pathAndQuery})";
        return ListPage.Parse(name, http.Resolve(pathAndQuery), response, root => root,
            $"{name} is not a Sentry list (expected a JSON array). " +
            "Nothing from this page was committed; check base_url points at the Sentry API.");
    }

    private string Explain(string stream, VendorResponse response, string pathAndQuery) =>
        FailureMessage.Explain(stream, $"GET /{pathAndQuery.Split('?')[0]}", response, null, response.ErrorText("detail"), new(
            Vendor: "Sentry",
            Credential: $"the token in {token.Describe()}",
            CredentialAdvice: "Set it to a valid auth token (an internal integration's or a user's).",
            PermissionAdvice: "Give it the org:read, project:read and event:read scopes.",
            NotFoundAdvice: $"Check the source's organization slug and base_url ({http.BaseUrl}).",
            Missing: $"Sentry has no organization '{Organization}' visible to this token"));
}
