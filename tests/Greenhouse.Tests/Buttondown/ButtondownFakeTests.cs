using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Buttondown;

/// <summary>The fake Buttondown speaks the wire contract the connector relies on.</summary>
public sealed class ButtondownFakeTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? scheme, string key = "0f3a9c2e7b5d41a8b6e2c9d7f1a4b3e5")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url.StartsWith("http", StringComparison.Ordinal) ? url : $"{_sandbox.VendorUrls["buttondown"]}/v1/{url}");
        if (scheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, key);
        }

        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task Only_the_token_scheme_is_accepted()
    {
        using var none = await GetAsync("subscribers", null);
        using var bearer = await GetAsync("subscribers", "Bearer");
        using var token = await GetAsync("subscribers", "Token");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
        Assert.Contains("Invalid token.", await bearer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_count_and_absolute_next_and_previous_urls()
    {
        using var first = await GetAsync("subscribers", "Token");
        var page = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(_sandbox.Buttondown.Data.SubscriberCount, page.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous").ValueKind);
        var next = page.GetProperty("next").GetString()!;
        Assert.EndsWith("/buttondown/v1/subscribers?page=2", next, StringComparison.Ordinal);

        using var second = await GetAsync(next, "Token");
        var secondPage = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("?page=1", secondPage.GetProperty("previous").GetString(), StringComparison.Ordinal);

        using var beyond = await GetAsync("subscribers?page=999", "Token");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }
}
