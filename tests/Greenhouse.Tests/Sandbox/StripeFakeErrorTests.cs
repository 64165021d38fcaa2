using System.Net.Http.Headers;
using System.Text;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Sandbox;

public sealed class StripeFakeErrorTests
{
    private static Task<SandboxServer> Start(bool rateLimits = false) =>
        SandboxServer.StartAsync(new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: rateLimits));

    [Fact]
    public async Task A_key_of_neither_mode_gets_401_with_the_key_masked()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server, "sk_prod_abcdefghijklmnopqrst1234");

        var (status, body, response) = await client.GetRaw("v1/customers");

        Assert.Equal(401, status);
        Assert.Equal(
            """{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_prod_********************1234"}}""",
            body.GetRawText());
        Assert.StartsWith("req_", response.Headers.GetValues("Request-Id").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_gets_401()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server, key: null);

        var (status, body, _) = await client.GetRaw("v1/customers");

        Assert.Equal(401, status);
        Assert.StartsWith("You did not provide an API key.", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_auth_with_the_key_as_user_name_is_accepted()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server, key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(SandboxHttp.Key + ":")));

        using var response = await client.GetAsync("v1/customers?limit=1");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("2025-02-24.acacia", response.Headers.GetValues("Stripe-Version").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("v1/customers?limit=101", "limit")]
    [InlineData("v1/customers?limit=0", "limit")]
    [InlineData("v1/customers?foo=bar", "foo")]
    [InlineData("v1/customers?created[gte]=soon", "created[gte]")]
    [InlineData("v1/subscriptions?status=sleeping", "status")]
    [InlineData("v1/charges?email=a@b.c", "email")]
    [InlineData("v1/customers?starting_after=cus_x", "starting_after")]
    public async Task Invalid_list_requests_get_400_naming_the_parameter(string path, string param)
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);

        var (status, body, _) = await client.GetRaw(path);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(param, body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Unknown_parameters_are_named_and_expand_is_ignored()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);

        var (status, body, _) = await client.GetRaw("v1/customers?foo=1");
        var expanded = await client.GetJson("v1/customers?expand[]=data.default_source&limit=2");
        var (both, _, _) = await client.GetRaw("v1/customers?starting_after=a&ending_before=b");

        Assert.Equal(400, status);
        Assert.Equal("Received unknown parameter: foo", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(2, expanded.GetProperty("data").GetArrayLength());
        Assert.Equal(400, both);
    }

    [Fact]
    public async Task Requests_over_the_per_second_limit_get_429()
    {
        await using var server = await Start(rateLimits: true);
        server.Stripe.RequestsPerSecondLimit = 5;
        using var client = SandboxHttp.Client(server);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("v1/coupons")));

        var limited = responses.Where(r => (int)r.StatusCode == 429).ToList();
        Assert.InRange(limited.Count, 1, 15);
        var body = await limited[0].Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"rate_limit\"", body, StringComparison.Ordinal);
        Assert.Contains("Request rate limit exceeded.", body, StringComparison.Ordinal);
        Assert.False(limited[0].Headers.Contains("Retry-After"));
        Assert.Equal("true", limited[0].Headers.GetValues("Stripe-Should-Retry").Single());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
