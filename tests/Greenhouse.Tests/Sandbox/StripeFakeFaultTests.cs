using System.Diagnostics;
using System.Text.Json;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Sandbox;

public sealed class StripeFakeFaultTests
{
    private static Task<SandboxServer> Start() =>
        SandboxServer.StartAsync(new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: false));

    [Fact]
    public async Task Status_fault_answers_with_stripes_error_body_on_the_chosen_request()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        server.Stripe.Faults.Add(new FaultRule("/v1/customers", FaultKind.Status, OnRequest: 2, Times: 2));

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("v1/customers?limit=1");
            statuses.Add((int)response.StatusCode);
        }

        var (_, body, faulted) = await FaultAgain(server, client);
        Assert.Equal([200, 500, 500, 200], statuses);
        Assert.Equal("api_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("true", faulted.Headers.GetValues("Stripe-Should-Retry").Single());
        Assert.Equal(5, server.Stripe.RequestCount("/v1/customers"));
    }

    private static async Task<(int, JsonElement, HttpResponseMessage)> FaultAgain(SandboxServer server, HttpClient client)
    {
        server.Stripe.Faults.Clear();
        server.Stripe.Faults.Add(new FaultRule("/v1/customers", FaultKind.Status, StatusCode: 503));
        return await client.GetRaw("v1/customers");
    }

    [Fact]
    public async Task Rate_limit_fault_answers_429_with_retry_after()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        server.Stripe.Faults.Add(new FaultRule("/v1/invoices", FaultKind.RateLimit, RetryAfterSeconds: 2));

        var (status, body, response) = await client.GetRaw("v1/invoices");
        using var other = await client.GetAsync("v1/charges");
        using var next = await client.GetAsync("v1/invoices");

        Assert.Equal(429, status);
        Assert.Equal("rate_limit", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal(200, (int)other.StatusCode);
        Assert.Equal(200, (int)next.StatusCode);
    }

    [Fact]
    public async Task Slow_fault_waits_then_answers_normally()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        server.Stripe.Faults.Add(new FaultRule("/v1/", FaultKind.Slow, Delay: TimeSpan.FromMilliseconds(600)));

        var watch = Stopwatch.StartNew();
        var page = await client.GetJson("v1/products");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(550), $"took {watch.Elapsed}");
        Assert.Equal("list", page.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Malformed_json_fault_returns_200_with_invalid_json()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        server.Stripe.Faults.Add(new FaultRule("/v1/customers", FaultKind.MalformedJson));

        using var response = await client.GetAsync("v1/customers");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Dropped_connection_surfaces_as_HttpRequestException()
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server);
        server.Stripe.Faults.Add(new FaultRule("/v1/customers", FaultKind.DropConnection, Times: int.MaxValue));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("v1/customers"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("v1/customers"));
        var page = await client.GetJson("v1/coupons");

        Assert.Equal("list", page.GetProperty("object").GetString());
        Assert.Equal(2, server.Stripe.RequestCount("/v1/customers"));
        Assert.Equal(3, server.Stripe.RequestLog.Count);
        server.Stripe.ResetCounters();
        Assert.Equal(0, server.Stripe.RequestCount("/v1/"));
    }
}
