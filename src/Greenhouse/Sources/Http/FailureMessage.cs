using System.Net;
using Greenhouse.Config;

namespace Greenhouse.Sources.Http;

/// <summary>
/// The one shape of a connector's message for a request that failed for good, in the vendor's words
/// (<see cref="FailureWording"/>): a 401 names the credential's variable, never its value; a 403 the permission on
/// the resource; a 404 what is missing and where to look; a 429 and a 5xx how many attempts were made and that the
/// next run resumes; anything else the vendor's error text. Each message names the request once: in its phrase, or
/// next to the vendor's error when the phrase names something else.
/// </summary>
internal static class FailureMessage
{
    /// <param name="who">What failed: the stream, with the page when that helps.</param>
    /// <param name="request">The request without its query (<c>GET /v1/customers</c>); null when <paramref name="who"/> names it.</param>
    /// <param name="kind">The vendor's error type or code, shown after the status; null for none.</param>
    /// <param name="text">The vendor's error text (see <see cref="VendorResponse.ErrorText"/>).</param>
    /// <param name="meaning">The status the failure amounts to when the vendor says it otherwise (a GraphQL error code, GitHub's 403 for a spent rate limit).</param>
    public static string Explain(
        string who, string? request, VendorResponse response, string? kind, string text, FailureWording wording, HttpStatusCode? meaning = null)
    {
        request = request is null ? null : Secrets.Redact(request);
        // An empty body (a bare 404) says nothing more than its status: "HTTP 404", not "HTTP 404: ".
        var detail = Secrets.Redact($"HTTP {(int)response.Status}{(kind is null ? "" : " " + kind)}{(string.IsNullOrWhiteSpace(text) ? "" : ": " + text)}");
        var named = request ?? "the request";
        var beside = request is null ? detail : $"{request}: {detail}";
        return (meaning ?? response.Status) switch
        {
            HttpStatusCode.Unauthorized =>
                $"{who}: {wording.Vendor} rejected {wording.Credential} ({beside}). {wording.CredentialAdvice}",
            HttpStatusCode.Forbidden => wording.Resource is { } resource
                ? $"{who}: {wording.Credential} may not read {resource} ({beside}). {wording.PermissionAdvice}"
                : $"{who}: {wording.Credential} may not read {named} ({detail}). {wording.PermissionAdvice}",
            HttpStatusCode.NotFound => (wording.Missing ?? (wording.Resource is { } resource ? resource + " was not found" : null)) is { } missing
                ? $"{who}: {missing} ({beside}). {wording.NotFoundAdvice}"
                : $"{who}: {named} was not found ({detail}). {wording.NotFoundAdvice}",
            HttpStatusCode.TooManyRequests =>
                $"{who}: {wording.Vendor} still throttled {named} after {response.Attempts} attempt(s) ({detail}); the next run resumes from the last checkpoint.",
            >= HttpStatusCode.InternalServerError =>
                $"{who}: {named} still failed after {response.Attempts} attempt(s) ({detail}). {wording.Vendor} is unavailable; the next run resumes from the last checkpoint.",
            _ => $"{who}: {wording.Vendor} rejected {named} ({detail}).",
        };
    }
}
