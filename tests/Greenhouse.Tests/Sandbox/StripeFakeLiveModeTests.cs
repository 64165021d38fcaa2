using System.Diagnostics;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Sandbox;

/// <summary>The fake takes live-mode keys as Stripe does: the same account in live mode, limited as a live account.</summary>
public sealed class StripeFakeLiveModeTests
{
    private const string TestKey = "sk_test_modeTests0123456789";

    private static Task<SandboxServer> Start(bool rateLimits = false) =>
        SandboxServer.StartAsync(new SandboxOptions(Clock: FixedClock.At2025(), EnforceRateLimits: rateLimits));

    [Theory]
    [InlineData("sk_live_modeTests0123456789")]
    [InlineData("rk_live_modeTests0123456789")]
    public async Task A_live_key_is_served_the_account_s_objects_lists_and_events_in_live_mode(string liveKey)
    {
        await using var server = await Start();
        var customer = server.Stripe.Data.Ids("customers")[0];
        using var test = SandboxHttp.Client(server, TestKey);
        using var live = SandboxHttp.Client(server, liveKey);

        foreach (var path in new[] { "v1/customers?limit=5", $"v1/customers/{customer}", "v1/invoices?limit=5", "v1/events?limit=5" })
        {
            var testBody = await test.GetStringAsync(path);
            var liveBody = await live.GetStringAsync(path);

            Assert.Contains("\"livemode\":false", testBody, StringComparison.Ordinal);
            Assert.DoesNotContain("\"livemode\":true", testBody, StringComparison.Ordinal);
            Assert.Equal(testBody.Replace("\"livemode\":false", "\"livemode\":true", StringComparison.Ordinal), liveBody);
        }

        var events = await live.GetJson("v1/events?limit=5");
        Assert.All(events.GetProperty("data").EnumerateArray(), e =>
        {
            Assert.True(e.GetProperty("livemode").GetBoolean());
            Assert.True(e.GetProperty("data").GetProperty("object").GetProperty("livemode").GetBoolean());
        });
        var invoice = (await live.GetJson("v1/invoices?limit=1")).GetProperty("data")[0];
        Assert.All(invoice.GetProperty("lines").GetProperty("data").EnumerateArray(), line => Assert.True(line.GetProperty("livemode").GetBoolean()));
    }

    [Theory]
    [InlineData("pk_live_modeTests0123456789")]
    [InlineData("sk_live_")]
    [InlineData("sk_livemodeTests0123456789")]
    [InlineData("xk_test_modeTests0123456789")]
    public async Task A_key_that_is_not_a_live_or_test_secret_or_restricted_key_gets_401(string key)
    {
        await using var server = await Start();
        using var client = SandboxHttp.Client(server, key);

        var (status, body, _) = await client.GetRaw("v1/customers");

        Assert.Equal(401, status);
        Assert.StartsWith("Invalid API Key provided: ", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_key_gets_429_after_25_requests_a_second_to_one_endpoint_whatever_the_ids()
    {
        await using var server = await Start(rateLimits: true);
        var ids = server.Stripe.Data.Ids("customers");
        var retrieves = ids.Take(26).Select(id => $"v1/customers/{id}").ToList();

        var statuses = await InOneSecondAsync(server, "sk_live_", [.. retrieves, "v1/customers?limit=1"]);

        Assert.Equal([.. Enumerable.Repeat(200, 25), 429, 200], statuses);
    }

    [Fact]
    public async Task A_live_key_makes_25_requests_a_second_to_each_of_4_endpoints_and_its_101st_that_second_gets_429()
    {
        await using var server = await Start(rateLimits: true);
        var ids = server.Stripe.Data.Ids("customers");
        var paths = Enumerable.Range(0, 25)
            .SelectMany(i => new[] { "v1/customers?limit=1", $"v1/customers/{ids[i]}", "v1/coupons?limit=1", "v1/events?limit=1" })
            .Append("v1/products?limit=1")
            .ToList();

        var statuses = await InOneSecondAsync(server, "sk_live_", paths);

        Assert.Equal([.. Enumerable.Repeat(200, 100), 429], statuses);
    }

    [Fact]
    public async Task A_test_key_gets_429_after_25_requests_a_second_across_endpoints()
    {
        await using var server = await Start(rateLimits: true);
        var paths = Enumerable.Range(0, 13).SelectMany(_ => new[] { "v1/customers?limit=1", "v1/coupons?limit=1" }).Take(25).Append("v1/products?limit=1").ToList();

        var statuses = await InOneSecondAsync(server, "sk_test_", paths);

        Assert.Equal([.. Enumerable.Repeat(200, 25), 429], statuses);
    }

    /// <summary>
    /// The statuses of <paramref name="paths"/> requested one after another with a new key of <paramref name="prefix"/>, all in
    /// the key's first one-second window. A run that took longer (a stalled machine) spans two windows and shows nothing, so it
    /// is made again with another key.
    /// </summary>
    private static async Task<List<int>> InOneSecondAsync(SandboxServer server, string prefix, List<string> paths)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var client = SandboxHttp.Client(server, $"{prefix}burst{attempt}_0123456789");
            var started = Stopwatch.GetTimestamp();
            var statuses = new List<int>(paths.Count);
            foreach (var path in paths)
            {
                using var response = await client.GetAsync(path);
                statuses.Add((int)response.StatusCode);
            }

            if (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(900) || attempt == 4)
            {
                return statuses;
            }
        }
    }
}
