using System.Net;
using System.Net.Http.Headers;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sources.Http;
using Greenhouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Tests.Sources.Http;

/// <summary>
/// The vendor client follows redirects itself, over real HTTP on 127.0.0.1: an API server that redirects, and another
/// host (a second server, another port) that records what it receives.
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private const string Secret = "sk_redirect_test_s3cret_0123456789";
    private const string Body = "{\"amount\":42}";

    private RecordingServer _api = null!;
    private RecordingServer _other = null!;

    public async Task InitializeAsync()
    {
        Secrets.Register(Secret);
        _other = await RecordingServer.StartAsync(http =>
        {
            http.Response.StatusCode = http.Request.Path == "/private" ? 401 : 200;
            return http.Response.WriteAsync("{\"from\":\"other\"}");
        });
        _api = await RecordingServer.StartAsync(http =>
        {
            var path = http.Request.Path.Value!;
            (int Status, string Location)? redirect = path switch
            {
                "/moved" => (301, "/landing"),
                "/found" => (302, "/landing?page=2"),
                "/see-other" => (303, "/landing"),
                "/temporary" => (307, "/landing"),
                "/permanent" => (308, $"{_api.Url}landing"),
                "/elsewhere" => (302, $"{_other.Url}landing"),
                "/elsewhere-private" => (302, $"{_other.Url}private"),
                "/elsewhere-with-key" => (302, $"{_other.Url}landing?api_key={Secret}"),
                _ when path.StartsWith("/loop/", StringComparison.Ordinal) => (302, $"/loop/{int.Parse(path[6..], System.Globalization.CultureInfo.InvariantCulture) + 1}"),
                _ => null,
            };
            if (redirect is { } r)
            {
                http.Response.StatusCode = r.Status;
                http.Response.Headers.Location = r.Location;
                return Task.CompletedTask;
            }

            return http.Response.WriteAsync("{\"from\":\"api\"}");
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _other.DisposeAsync();
    }

    private VendorHttpClient Client() => new("acme", _api.Url, null, 0, TimeSpan.FromMilliseconds(10));

    private static void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        request.Headers.TryAddWithoutValidation("X-Api-Key", Secret);
        request.Headers.TryAddWithoutValidation("X-Api-Version", "2024-01-01");
    }

    private static StringContent Json() => new(Body, System.Text.Encoding.UTF8, "application/json");

    private ReceivedRequest Landed() => Assert.Single(_api.Received, r => r.PathAndQuery.StartsWith("/landing", StringComparison.Ordinal));

    [Theory]
    [InlineData("temporary", HttpStatusCode.TemporaryRedirect, false)]
    [InlineData("permanent", HttpStatusCode.PermanentRedirect, true)]
    public async Task A_307_or_308_repeats_the_post_with_its_body_and_credential_on_the_same_host(string path, HttpStatusCode status, bool permanent)
    {
        using var client = Client();

        var response = await client.PostAsync(path, Json, Authorize);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var landed = Landed();
        Assert.Equal("POST", landed.Method);
        Assert.Equal(Body, landed.Body);
        Assert.Equal("Bearer " + Secret, landed.Headers["Authorization"]);
        Assert.Equal("2024-01-01", landed.Headers["X-Api-Version"]);
        var hop = Assert.Single(response.Redirects);
        Assert.Equal(status, hop.Status);
        Assert.Equal(permanent, hop.IsPermanent);
        Assert.True(hop.WithCredential);
        Assert.Equal(new Uri(_api.Url, "landing"), hop.To);
    }

    [Theory]
    [InlineData("moved")]
    [InlineData("see-other")]
    public async Task A_301_or_303_after_a_post_reads_the_new_address_with_a_get_without_the_body(string path)
    {
        using var client = Client();

        var response = await client.PostAsync(path, Json, Authorize);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var landed = Landed();
        Assert.Equal("GET", landed.Method);
        Assert.Equal("", landed.Body);
        Assert.Equal("Bearer " + Secret, landed.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_302_after_a_get_stays_a_get_with_the_same_headers_and_the_new_query()
    {
        using var client = Client();

        var response = await client.GetAsync("found", Authorize);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var landed = Landed();
        Assert.Equal("GET", landed.Method);
        Assert.Equal("/landing?page=2", landed.PathAndQuery);
        Assert.Equal("Bearer " + Secret, landed.Headers["Authorization"]);
        Assert.Equal(Secret, landed.Headers["X-Api-Key"]);
        Assert.False(Assert.Single(response.Redirects).IsPermanent);
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_followed_without_any_header_the_connector_set()
    {
        using var client = Client();

        var response = await client.GetAsync("elsewhere", Authorize);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("other", System.Text.Encoding.UTF8.GetString(response.Body));
        var received = Assert.Single(_other.Received);
        Assert.False(received.Headers.ContainsKey("Authorization"));
        Assert.False(received.Headers.ContainsKey("X-Api-Key"));
        Assert.DoesNotContain(received.Headers.Values, v => v.Contains(Secret, StringComparison.Ordinal));
        Assert.False(Assert.Single(response.Redirects).WithCredential);
    }

    [Fact]
    public async Task A_refusal_from_another_host_fails_saying_the_credential_was_not_sent_there()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<SourceException>(() => client.GetAsync("elsewhere-private", Authorize));

        Assert.Contains("redirected to another host", error.Message);
        Assert.Contains(_other.Url.GetLeftPart(UriPartial.Authority), error.Message);
        Assert.Contains("HTTP 401", error.Message);
        Assert.Contains("base_url", error.Message);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(_other.Received).Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_redirect_that_would_carry_the_credential_to_another_host_in_its_address_is_not_followed()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<SourceException>(() => client.GetAsync("elsewhere-with-key", Authorize));

        Assert.Contains("another host", error.Message);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Empty(_other.Received);
    }

    [Fact]
    public async Task More_than_five_redirects_fail_with_the_chain_instead_of_following_on()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<SourceException>(() => client.GetAsync("loop/0", Authorize));

        Assert.Contains("redirected more than 5 times", error.Message);
        Assert.Contains("/loop/5", error.Message);
        Assert.Equal(6, _api.Received.Count);
    }

    [Theory]
    [InlineData("https://api.example.com/v1/a", "https://api.example.com/v2/b", true)]
    [InlineData("https://api.example.com/v1/a", "https://API.example.com/v1/a", true)]
    [InlineData("http://api.example.com/v1/a", "https://api.example.com/v1/a", true)]
    [InlineData("https://api.example.com/v1/a", "http://api.example.com/v1/a", false)]
    [InlineData("https://api.example.com/v1/a", "https://api.example.com:8443/v1/a", false)]
    [InlineData("https://api.example.com/v1/a", "https://example.com/v1/a", false)]
    [InlineData("https://api.example.com/v1/a", "https://api.example.com.evil.test/v1/a", false)]
    [InlineData("https://files.example.com/a.csv", "https://api.example.com/a.csv", true)]
    public void The_credential_goes_only_to_the_requests_own_host_or_the_api_host(string origin, string target, bool keeps) =>
        Assert.Equal(keeps, RedirectRules.KeepsCredential(new Uri(origin), new Uri("https://api.example.com/"), new Uri(target)));
}
