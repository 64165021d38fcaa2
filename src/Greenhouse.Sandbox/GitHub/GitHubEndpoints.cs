using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Greenhouse.Sandbox.GitHub;

/// <summary>
/// The fake's HTTP surface: the org's repositories, a repository, and its issues, pulls, issue comments and
/// releases, with GitHub's <c>state</c>/<c>sort</c>/<c>direction</c>/<c>since</c>/<c>per_page</c>/<c>page</c>,
/// Link headers and ETags; behind one filter that logs, injects faults, authenticates and rate-limits.
/// </summary>
internal static class GitHubEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Map(IEndpointRouteBuilder routes, GitHubFake fake)
    {
        var group = routes.MapGroup("");
        group.AddEndpointFilter(fake.FilterAsync);
        group.MapGet("/orgs/{org}/repos", (HttpContext http, string org) =>
            fake.Data.OrganizationRepositories(org) is { Count: > 0 } repos
                ? List(fake, http, repos, "full_name", "asc")
                : GitHubResult.Error(404, "Not Found"));
        group.MapGet("/repos/{owner}/{repo}", (string owner, string repo) =>
            fake.Data.Repository($"{owner}/{repo}") is { } found
                ? new GitHubResult(200, Body(fake, found))
                : GitHubResult.Error(404, "Not Found"));
        group.MapGet("/repos/{owner}/{repo}/issues", (HttpContext http, string owner, string repo) =>
            Repo(fake, http, owner, repo, "issues", "created", "desc"));
        group.MapGet("/repos/{owner}/{repo}/pulls", (HttpContext http, string owner, string repo) =>
            Repo(fake, http, owner, repo, "pulls", "created", null));
        group.MapGet("/repos/{owner}/{repo}/issues/comments", (HttpContext http, string owner, string repo) =>
            Repo(fake, http, owner, repo, "comments", "created", "asc"));
        group.MapGet("/repos/{owner}/{repo}/releases", (HttpContext http, string owner, string repo) =>
            Repo(fake, http, owner, repo, "releases", "created", "desc"));
        group.Map("/{**rest}", () => GitHubResult.Error(404, "Not Found"));
    }

    private static GitHubResult Repo(GitHubFake fake, HttpContext http, string owner, string repo, string kind, string defaultSort, string? defaultDirection)
    {
        if (fake.Data.Snapshot($"{owner}/{repo}", kind) is not { } items)
        {
            return GitHubResult.Error(404, "Not Found");
        }

        var query = http.Request.Query;
        var state = query["state"].ToString() is { Length: > 0 } s ? s : "open";
        if (kind is "issues" or "pulls")
        {
            if (state is not ("open" or "closed" or "all"))
            {
                return GitHubResult.Error(422, "Validation Failed");
            }

            if (state != "all")
            {
                items = items.FindAll(i => (string?)i["state"] == state);
            }
        }

        if (query["since"].ToString() is { Length: > 0 } sinceText && kind is "issues" or "comments")
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                return GitHubResult.Error(422, "Validation Failed");
            }

            items = items.FindAll(i => Time(i, "updated_at") >= since);
        }

        var sort = kind == "releases" ? "created" : query["sort"].ToString() is { Length: > 0 } so ? so : defaultSort;
        var direction = kind == "releases" ? "desc"
            : query["direction"].ToString() is { Length: > 0 } d ? d
            : defaultDirection ?? (sort == "created" ? "desc" : "asc");
        return List(fake, http, items, sort, direction);
    }

    private static GitHubResult List(GitHubFake fake, HttpContext http, List<JsonObject> items, string sort, string direction)
    {
        var query = http.Request.Query;
        if (!query.ContainsKey("sort") && sort == "full_name" || query["sort"] == "full_name")
        {
            items = [.. items.OrderBy(i => (string?)i["full_name"], StringComparer.Ordinal)];
        }
        else
        {
            var key = sort switch { "updated" => "updated_at", "pushed" => "pushed_at", "comments" => "comments", _ => "created_at" };
            items = [.. items.OrderBy(i => key == "comments" ? (long)i["comments"]! : Time(i, key).UtcTicks).ThenBy(i => (long)i["id"]!)];
        }

        if (direction == "desc")
        {
            items.Reverse();
        }

        var perPage = Math.Clamp(int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) ? pp : 30, 1, Math.Min(100, fake.MaxPerPage));
        var page = Math.Max(int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1, 1);
        var last = Math.Max((items.Count + perPage - 1) / perPage, 1);
        var slice = new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)i)]);
        if (fake.RepeatFirstRecord && slice.Count > 0)
        {
            slice.Insert(1, slice[0]!.DeepClone());
        }
        var body = Body(fake, slice);
        var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(body))[..40]}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        var links = new List<string>();
        if (page < last)
        {
            links.Add($"<{PageUrl(http, fake.RepeatNextLink ? page : page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(http, last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{PageUrl(http, 1)}>; rel=\"first\"");
            links.Add($"<{PageUrl(http, page - 1)}>; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            headers["Link"] = string.Join(", ", links);
        }

        return http.Request.Headers.IfNoneMatch.Contains(etag)
            ? new GitHubResult(StatusCodes.Status304NotModified, ReadOnlyMemory<byte>.Empty)
            : new GitHubResult(StatusCodes.Status200OK, body);
    }

    private static byte[] Body(GitHubFake fake, JsonNode node) =>
        fake.Indent ? JsonSerializer.SerializeToUtf8Bytes(node, Indented) : JsonSerializer.SerializeToUtf8Bytes(node);

    private static string PageUrl(HttpContext http, int page)
    {
        var request = http.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }

    private static DateTimeOffset Time(JsonObject item, string key) =>
        DateTimeOffset.Parse((string)item[key]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
