using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Sandbox;
using Greenhouse.Sources.Http;

namespace Greenhouse.Tests.Sentry;

/// <summary>The fake Sentry speaks the wire contract the connector relies on.</summary>
public sealed class SentryFakeTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sntrys_fake_test_token_123");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    private Uri Url(string pathAndQuery) => new($"{_sandbox.VendorUrls["sentry"]}/api/0/organizations/{pathAndQuery}");

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    [Fact]
    public async Task Both_links_are_always_sent_and_results_says_whether_a_page_exists()
    {
        using var first = await _http.GetAsync(Url("acme/issues/?query=&start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z"));
        var link = LinkHeader.Parse(first.Headers.GetValues("Link"));
        Assert.Equal("false", link.Parameter("previous", "results"));
        Assert.Equal("true", link.Parameter("next", "results"));
        Assert.Equal("0:100:0", link.Parameter("next", "cursor"));
        Assert.True(first.Headers.Contains("X-Sentry-Rate-Limit-Remaining"));

        using var last = await _http.GetAsync(link.Rel("next"));
        var lastLink = LinkHeader.Parse(last.Headers.GetValues("Link"));
        Assert.Equal("true", lastLink.Parameter("previous", "results"));
        Assert.Equal("false", lastLink.Parameter("next", "results"));
        Assert.NotNull(lastLink.Rel("next"));
    }

    [Fact]
    public async Task The_default_query_lists_only_unresolved_issues_and_query_empty_lists_all()
    {
        using var unresolved = await _http.GetAsync(Url("acme/issues/?statsPeriod=90d&limit=100"));
        using var all = await _http.GetAsync(Url("acme/issues/?query=&statsPeriod=90d&limit=100"));

        Assert.True(int.Parse(unresolved.Headers.GetValues("X-Hits").Single(), System.Globalization.CultureInfo.InvariantCulture)
            < int.Parse(all.Headers.GetValues("X-Hits").Single(), System.Globalization.CultureInfo.InvariantCulture));
        var statuses = JsonDocument.Parse(await unresolved.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(i => i.GetProperty("status").GetString()).Distinct();
        Assert.Equal(["unresolved"], statuses);
    }

    [Fact]
    public async Task Limits_over_100_tokens_and_organizations_are_refused_with_a_detail()
    {
        using var tooMany = await _http.GetAsync(Url("acme/issues/?limit=101"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);

        using var missing = await _http.GetAsync(Url("globex/projects/"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("The requested resource does not exist", await DetailAsync(missing));

        using var anonymous = new HttpClient();
        using var badToken = new HttpRequestMessage(HttpMethod.Get, Url("acme/projects/"));
        badToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nope");
        using var refused = await anonymous.SendAsync(badToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Invalid token", await DetailAsync(refused));
    }

    [Fact]
    public async Task Issues_are_first_seen_after_their_release()
    {
        using var releases = await _http.GetAsync(Url("acme/releases/"));
        var created = JsonDocument.Parse(await releases.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("version").GetString()!, r => r.GetProperty("dateCreated").GetDateTimeOffset());
        var data = _sandbox.Sentry.Data;
        Assert.All(data.IssueIds().Select(data.Issue), issue =>
            Assert.True(DateTimeOffset.Parse((string)issue["firstSeen"]!, System.Globalization.CultureInfo.InvariantCulture) >= created[(string)issue["firstRelease"]!["version"]!]));
    }

    [Fact]
    public async Task Over_the_limit_answers_429_with_the_sentry_message()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: true));
        sandbox.Sentry.RequestsPerSecondLimit = 2;
        var url = new Uri($"{sandbox.VendorUrls["sentry"]}/api/0/organizations/acme/projects/");
        var statuses = new List<HttpStatusCode>();
        // Up to ten requests: three land in one second even on a busy machine, and the third is refused.
        for (var i = 0; i < 10 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await _http.GetAsync(url);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("You are attempting to use this endpoint too frequently. Limit is 2 requests in 1 seconds", await DetailAsync(response));
                Assert.Equal("0", response.Headers.GetValues("X-Sentry-Rate-Limit-Remaining").Single());
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
