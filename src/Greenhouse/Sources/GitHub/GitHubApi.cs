using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// GitHub's REST API as GitHub documents it: <c>Authorization: Bearer</c>, the pinned
/// <c>X-GitHub-Api-Version</c>, <c>Link</c>-header paging, conditional requests (<c>If-None-Match</c> → 304),
/// and its error bodies turned into messages that say what to do (a 401 names the token's variable, never its value).
/// </summary>
internal sealed class GitHubApi(VendorHttpClient http, Credential token)
{
    public const string ApiVersion = "2022-11-28";
    public const int PageSize = 100;

    /// <summary>The page loop of one repository's (or organization's) listing along GitHub's <c>rel="next"</c> links.</summary>
    public static PagedReader Reader(string stream, string what) => new(new HeaderLinkPaginator(), (next, _) =>
        $"{stream}: GitHub's rel=\"next\" link for {what} points at a page already read ({next}); " +
        "stopping instead of looping forever. Nothing more was committed for it; rerun later or report it if it persists.");

    /// <summary>GETs one page; <paramref name="etag"/> makes it conditional (a 304 has no items). <paramref name="what"/> names the resource for a 404.</summary>
    public async Task<ListPage> GetPageAsync(string stream, string url, string? etag, int pageNumber, string what, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(url, request =>
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            request.Headers.Accept.ParseAdd("application/vnd.github+json");
            request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }
        }, cancellationToken);

        var target = http.Resolve(url);
        var path = target.PathAndQuery;
        var name = $"{stream}: page {pageNumber} of {what} (GET {path})";
        if (response.Status is HttpStatusCode.NotModified or HttpStatusCode.NoContent || (response.IsSuccess && response.Body.Length == 0))
        {
            return new ListPage(name, target, response, null, []);
        }

        if (!response.IsSuccess)
        {
            throw new SourceException(Explain(response, stream, path, what));
        }

        return ListPage.Parse(name, target, response, root => root,
            $"{name} is not a GitHub list (expected a JSON array). " +
            "Nothing from this page was committed; check base_url points at the GitHub API.");
    }

    /// <summary>GETs one object (a repository); a 404 names it.</summary>
    public async Task<JsonElement> GetObjectAsync(string stream, string url, string what, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(url, request =>
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            request.Headers.Accept.ParseAdd("application/vnd.github+json");
            request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        }, cancellationToken);
        var path = http.Resolve(url).PathAndQuery;
        if (!response.IsSuccess)
        {
            throw new SourceException(Explain(response, stream, path, what));
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new SourceException($"{stream}: GET {path} ({what}) is not valid JSON ({e.Message}); rerun to retry.", e);
        }
    }

    private string Explain(VendorResponse response, string stream, string path, string what)
    {
        var text = response.ErrorText("message");
        var remaining = response.Headers.TryGetValues("X-RateLimit-Remaining", out var values) ? values.FirstOrDefault() : null;
        var rateLimited = response.Status is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests
            && (remaining == "0" || text.Contains("rate limit", StringComparison.OrdinalIgnoreCase));
        return FailureMessage.Explain(stream, $"GET {path.Split('?')[0]}", response, null, text, new(
            Vendor: "GitHub",
            Credential: $"the token in {token.Describe()}",
            CredentialAdvice: "Set it to a valid personal access token (ghp_… or github_pat_…) or app token.",
            PermissionAdvice: "Give it read access (classic PAT: 'repo' for private repositories; fine-grained: Issues, Pull requests, Contents and Metadata read).",
            NotFoundAdvice: $"Check the name in the source's repositories/organizations, and that the token in {token.Describe()} can see it (GitHub answers 404 for private repositories it may not read).",
            Resource: what),
            rateLimited ? HttpStatusCode.TooManyRequests : null);
    }
}
