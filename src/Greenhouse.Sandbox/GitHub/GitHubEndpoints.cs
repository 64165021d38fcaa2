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
/// Link headers and ETags; a repository also by its id, which a renamed repository's old name redirects to; behind one
/// filter that logs, injects faults, authenticates and rate-limits.
/// </summary>
internal static class GitHubEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A repository's list endpoints: the path after the repository, what it lists, and its default sort and direction.</summary>
    private static readonly (string Path, string Kind, string Sort, string? Direction)[] Lists =
    [
        ("issues", "issues", "created", "desc"),
        ("pulls", "pulls", "created", null),
        ("issues/comments", "comments", "created", "asc"),
        ("releases", "releases", "created", "desc"),
    ];

    public static void Map(IEndpointRouteBuilder routes, GitHubFake fake)
    {
        var group = routes.MapGroup("");
        group.AddEndpointFilter(fake.FilterAsync);
        group.MapGet("/orgs/{org}/repos", (HttpContext http, string org) =>
            fake.Data.OrganizationRepositories(org, GitHubFake.Authenticated(http.Request)) is { Count: > 0 } repos
                ? List(fake, http, repos, "full_name", "asc")
                : GitHubResult.Error(404, "Not Found"));
        group.MapGet("/repos/{owner}/{repo}", (HttpContext http, string owner, string repo) =>
            ByName(fake, http, $"{owner}/{repo}", name => RepositoryObject(fake, name)));
        group.MapGet("/repositories/{id:long}", (HttpContext http, long id) =>
            ById(fake, http, id, name => RepositoryObject(fake, name)));
        foreach (var (path, kind, sort, direction) in Lists)
        {
            group.MapGet($"/repos/{{owner}}/{{repo}}/{path}", (HttpContext http, string owner, string repo) =>
                ByName(fake, http, $"{owner}/{repo}", name => Repo(fake, http, name, kind, sort, direction)));
            group.MapGet($"/repositories/{{id:long}}/{path}", (HttpContext http, long id) =>
                ById(fake, http, id, name => Repo(fake, http, name, kind, sort, direction)));
        }

        group.Map("/{**rest}", () => GitHubResult.Error(404, "Not Found"));
    }

    /// <summary>
    /// A repository by its <c>owner/name</c>, as GitHub answers it: the endpoint when the caller may see it; for a name it
    /// had before a rename or a transfer, 301 Moved Permanently to the same path under <c>/repositories/{id}</c>, query
    /// kept, for whoever may see it (GitHub, "Follow redirects":
    /// https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#follow-redirects); and
    /// 404 for a repository that does not exist or that the caller may not see (a private one without a token).
    /// </summary>
    private static GitHubResult ByName(GitHubFake fake, HttpContext http, string fullName, Func<string, GitHubResult> answer)
    {
        var authenticated = GitHubFake.Authenticated(http.Request);
        if (fake.Data.Visible(fullName, authenticated))
        {
            return answer(fullName);
        }

        if (fake.Data.CurrentName(fullName) is not { } current || !fake.Data.Visible(current, authenticated))
        {
            return GitHubResult.Error(404, "Not Found");
        }

        var request = http.Request;
        var vendorPath = fake.VendorPath(request.Path);
        var origin = fake.RedirectOrigin?.AbsoluteUri.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.Path.Value![..^vendorPath.Length]}";
        var location = $"{origin}/repositories/{fake.Data.RepositoryId(current)}{vendorPath[$"/repos/{fullName}".Length..]}{request.QueryString}";
        http.Response.Headers.Location = location;
        return new GitHubResult(StatusCodes.Status301MovedPermanently, JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["message"] = "Moved Permanently",
            ["url"] = location,
            ["documentation_url"] = "https://docs.github.com/v3/#http-redirects",
        }));
    }

    /// <summary>A repository by its id (where GitHub's redirects point): 404 when there is none or the caller may not see it.</summary>
    private static GitHubResult ById(GitHubFake fake, HttpContext http, long id, Func<string, GitHubResult> answer) =>
        fake.Data.NameOf(id) is { } name && fake.Data.Visible(name, GitHubFake.Authenticated(http.Request))
            ? answer(name)
            : GitHubResult.Error(404, "Not Found");

    private static GitHubResult RepositoryObject(GitHubFake fake, string fullName) =>
        fake.Data.Repository(fullName) is { } found
            ? new GitHubResult(200, Body(fake, found))
            : GitHubResult.Error(404, "Not Found");

    private static GitHubResult Repo(GitHubFake fake, HttpContext http, string fullName, string kind, string defaultSort, string? defaultDirection)
    {
        if (fake.Data.Snapshot(fullName, kind) is not { } items)
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
