using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Sandbox;
using Greenhouse.Sources.Http;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.GitHub;

/// <summary>The fake GitHub behaves like GitHub where the connector depends on it.</summary>
public sealed class GitHubFakeTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    /// <summary>A client with <paramref name="token"/>, or else a token the fake accepts.</summary>
    private HttpClient Client(string? token = null, bool userAgent = true)
    {
        var client = new HttpClient { BaseAddress = new Uri(_sandbox.VendorUrls["github"] + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? SandboxVendor.GitHub.Secret);
        if (userAgent)
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd("greenhouse-tests/1.0");
        }

        return client;
    }

    [Fact]
    public async Task Pages_follow_link_headers_to_every_issue_in_update_order()
    {
        _sandbox.GitHub.MaxPerPage = 7;
        using var client = Client();
        var seen = new List<JsonElement>();
        var url = "repos/acme/app/issues?state=all&sort=updated&direction=asc&per_page=100";
        while (url is not null)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            seen.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
            var link = LinkHeader.Parse(response.Headers.TryGetValues("Link", out var values) ? values : null);
            Assert.True(link.Rel("next") is null || link.Rel("last") is not null);
            url = link.Rel("next")?.AbsoluteUri;
        }

        Assert.Equal(_sandbox.GitHub.Data.Ids("issues", "acme/app").Count, seen.Count);
        var updated = seen.Select(e => e.GetProperty("updated_at").GetString()!).ToList();
        Assert.Equal(updated.Order(StringComparer.Ordinal), updated);
    }

    [Fact]
    public async Task An_unchanged_list_answers_304_to_its_etag_and_does_not_spend_the_rate_limit()
    {
        using var client = Client();
        using var first = await client.GetAsync("repos/acme/app/releases");
        var etag = first.Headers.ETag!.ToString();
        var remaining = first.Headers.GetValues("X-RateLimit-Remaining").Single();

        using var request = new HttpRequestMessage(HttpMethod.Get, "repos/acme/app/releases");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(remaining, second.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(1, _sandbox.GitHub.NotModifiedCount);
    }

    [Fact]
    public async Task Bad_tokens_missing_user_agents_and_unknown_repositories_get_githubs_error_bodies()
    {
        using var bad = Client("sk_test_not_github");
        using var unauthorized = await bad.GetAsync("repos/acme/app/issues");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains("\"Bad credentials\"", await unauthorized.Content.ReadAsStringAsync());

        using var anonymous = Client(userAgent: false);
        anonymous.DefaultRequestHeaders.UserAgent.Clear();
        using var forbidden = await anonymous.GetAsync("repos/acme/app/issues");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("User-Agent", await forbidden.Content.ReadAsStringAsync());

        using var client = Client();
        using var missing = await client.GetAsync("repos/acme/nope/issues");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"documentation_url\"", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_spent_budget_answers_403_with_remaining_zero_and_a_reset_time()
    {
        _sandbox.GitHub.RateLimit = 1;
        using var client = Client();
        using var ok = await client.GetAsync("repos/acme/app");
        using var limited = await client.GetAsync("repos/acme/app");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        var reset = long.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(reset > DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3000);
        Assert.Contains("rate limit exceeded", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_renamed_repository_answers_301_to_its_id_keeping_the_query_and_a_private_one_is_404_without_a_token()
    {
        var data = _sandbox.GitHub.Data;
        data.Rename("acme/app", "acme/application");
        var id = data.RepositoryId("acme/application");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(_sandbox.VendorUrls["github"] + "/") };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("greenhouse-tests/1.0");
        using var anonymous = await client.GetAsync("repos/acme/app/issues?state=all&per_page=5");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxVendor.GitHub.Secret);

        using var moved = await client.GetAsync("repos/acme/app/issues?state=all&per_page=5");
        using var target = await client.GetAsync(moved.Headers.Location);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"{_sandbox.VendorUrls["github"]}/repositories/{id}/issues?state=all&per_page=5", moved.Headers.Location!.AbsoluteUri);
        Assert.Contains("Moved Permanently", await moved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        using var issues = JsonDocument.Parse(await target.Content.ReadAsStringAsync());
        Assert.Equal(5, issues.RootElement.GetArrayLength());
        Assert.All(issues.RootElement.EnumerateArray(), i => Assert.EndsWith("/repos/acme/application", i.GetProperty("repository_url").GetString()));
    }

    [Fact]
    public async Task Without_a_token_only_public_repositories_are_listed_at_the_anonymous_rate_limit()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_sandbox.VendorUrls["github"] + "/") };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("greenhouse-tests/1.0");

        using var listed = await client.GetAsync("orgs/acme/repos?type=all");
        using var privateOne = await client.GetAsync("repos/acme/app");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var repos = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        Assert.NotEmpty(repos.RootElement.EnumerateArray());
        Assert.All(repos.RootElement.EnumerateArray(), r => Assert.False(r.GetProperty("private").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, privateOne.StatusCode);
        Assert.Equal("60", listed.Headers.GetValues("X-RateLimit-Limit").Single());
    }
}
