using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sources.Http;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sync;

/// <summary>Sources that share a vendor credential share one request pacer, so together they stay under the vendor's limit.</summary>
public sealed class SharedPacerTests
{
    [Fact]
    public async Task Two_sources_with_one_stripe_key_together_stay_under_the_key_s_limit()
    {
        // The fake allows 18 requests a second per key (a fixed window); each source alone may go at 10. Two
        // independent pacers would send up to 20 a second on the key and, with retries off, fail on the first 429; one
        // shared pacer sends 10, which leaves room for the requests a busy machine delivers late and bunched into one
        // window (the test process serves the fake too, so a stall of its thread pool bunches them).
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite", new SandboxOptions(EnforceRateLimits: true));
        harness.Sandbox.Stripe.RequestsPerSecondLimit = 18;
        File.WriteAllText(harness.ConfigPath, $$"""
            warehouse: "{{harness.Warehouse.Spec}}"
            schema: {{harness.Warehouse.RawSchema}}
            sources:
              stripe_eu:
                type: stripe
                api_key: ${{{SandboxVendor.Stripe.Variable}}}
                base_url: {{harness.Sandbox.VendorUrls["stripe"]}}
                requests_per_second: 10
                max_retries: 0
              stripe_us:
                type: stripe
                api_key: ${{{SandboxVendor.Stripe.Variable}}}
                base_url: {{harness.Sandbox.VendorUrls["stripe"]}}
                requests_per_second: 10
                max_retries: 0
            """);

        var summary = await harness.SyncAsync();

        Assert.True(summary.Status == RunStatus.Succeeded, string.Join("\n", summary.Streams.Select(s => $"{s.Stream}: {s.Error}")));
        var requests = harness.Sandbox.Stripe.RequestCount("/v1/");
        Assert.True(requests > 20, $"only {requests} requests: too few to exceed the limit without sharing");
    }

    [Fact]
    public void Sources_share_a_pacer_only_when_vendor_host_and_credential_match()
    {
        var config = Load("""
            sources:
              a:
                type: stripe
                api_key: ${KEY_ONE}
                requests_per_second: 20
              b:
                type: stripe
                api_key: ${KEY_ONE}
                requests_per_second: 5
              c:
                type: stripe
                api_key: ${KEY_TWO}
              d:
                type: stripe
                api_key: ${KEY_ONE}
                base_url: https://stripe.internal.example
              rates:
                type: ecb
            """);
        using var pacers = new VendorPacers(config.Sources, config.Connectors);
        SourceConfig Source(string name) => config.Sources.Single(s => s.Name == name);

        Assert.Same(pacers.For(Source("a")), pacers.For(Source("b")));
        Assert.NotSame(pacers.For(Source("a")), pacers.For(Source("c")));
        Assert.NotSame(pacers.For(Source("a")), pacers.For(Source("d")));
        Assert.Equal(4, pacers.Count);
        // The shared pacer runs at the slower rate: 5 a second, one token at a time.
        var shared = pacers.For(Source("a"))!;
        using var first = shared.AttemptAcquire();
        using var second = shared.AttemptAcquire();
        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
    }

    [Fact]
    public void A_live_stripe_key_goes_at_100_requests_a_second_and_25_on_each_endpoint_and_a_test_key_at_25()
    {
        var config = Load("""
            sources:
              live:
                type: stripe
                api_key: ${KEY_LIVE}
              live_too:
                type: stripe
                api_key: ${KEY_LIVE}
              restricted:
                type: stripe
                api_key: ${KEY_RESTRICTED}
              test:
                type: stripe
                api_key: ${KEY_ONE}
            """);
        var stripe = config.Connectors["stripe"];
        using var pacers = new VendorPacers(config.Sources, config.Connectors);
        SourceConfig Source(string name) => config.Sources.Single(s => s.Name == name);

        Assert.Equal([100, 100, 25], new[] { "live", "restricted", "test" }.Select(s => stripe.RequestsPerSecondFor(Source(s))));
        Assert.Equal([25, 25, null], new[] { "live", "restricted", "test" }.Select(s => stripe.EndpointRequestsPerSecondFor(Source(s))));
        // The sources of one live key share its endpoints' pacers too; a test key's 25 a second overall needs none.
        Assert.NotNull(pacers.EndpointsFor(Source("live")));
        Assert.Same(pacers.EndpointsFor(Source("live")), pacers.EndpointsFor(Source("live_too")));
        Assert.Same(pacers.EndpointsFor(Source("live"))!.For("GET /v1/customers"), pacers.EndpointsFor(Source("live_too"))!.For("GET /v1/customers"));
        Assert.NotSame(pacers.EndpointsFor(Source("live"))!.For("GET /v1/customers"), pacers.EndpointsFor(Source("live"))!.For("GET /v1/customers/{id}"));
        Assert.Null(pacers.EndpointsFor(Source("test")));
    }

    private static GreenhouseConfig Load(string yaml)
    {
        var directory = Directory.CreateTempSubdirectory("gh-pacers-").FullName;
        try
        {
            var path = Path.Combine(directory, "greenhouse.yml");
            File.WriteAllText(path, "warehouse: \"sqlite:" + Path.Combine(directory, "w.db") + "\"\n" + yaml);
            var environment = new Dictionary<string, string>
            {
                ["KEY_ONE"] = "sk_test_one_0123456789",
                ["KEY_TWO"] = "sk_test_two_0123456789",
                ["KEY_LIVE"] = "sk_live_one_0123456789",
                ["KEY_RESTRICTED"] = "rk_live_one_0123456789",
            };
            return new ConfigLoader(BuiltInConnectors.Create(), name => environment.GetValueOrDefault(name)).Load(path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
