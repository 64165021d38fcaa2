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

    [Fact]
    public async Task Date_filters_take_a_day_and_select_by_their_own_date()
    {
        var data = _sandbox.Buttondown.Data;
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var regular = data.SubscriberIds().First(id => (string)data.Subscriber(id)["type"]! == "regular");
        data.Unsubscribe(regular);
        var added = data.AddSubscriber("filter.test@example.com");

        using var unsubscribed = await GetAsync($"subscribers?unsubscription_date__start={today}", "Token");
        using var created = await GetAsync($"subscribers?date__start={today}", "Token");
        using var badDate = await GetAsync("subscribers?date__start=2026-11-21T10:00:00Z", "Token");

        Assert.Equal([regular], Ids(await unsubscribed.Content.ReadAsStringAsync()));
        Assert.Equal([added], Ids(await created.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("date__start must be a date in the form YYYY-MM-DD", await badDate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Emails_order_by_the_ordering_enum_and_refuse_others()
    {
        using var newest = await GetAsync("emails?ordering=-modification_date", "Token");
        using var unknown = await GetAsync("emails?ordering=-updated", "Token");

        var dates = JsonDocument.Parse(await newest.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray()
            .Select(e => e.GetProperty("modification_date").GetString()!).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("invalid_ordering", await unknown.Content.ReadAsStringAsync());
    }

    private static List<string> Ids(string page) =>
        [.. JsonDocument.Parse(page).RootElement.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
}
