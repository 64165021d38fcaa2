using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary>The messages a newcomer meets first: each says what happened once, plainly, and what to do.</summary>
public sealed class MessageTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_failure_names_the_stream_once_and_a_bare_404_shows_no_empty_text()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [customers]", baseUrl: new Uri(harness.Sandbox.BaseUrl, "nowhere/"));

        var plain = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync");
        var status = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "status");

        Assert.Equal(1, plain.ExitCode);
        var output = plain.Stdout + plain.Stderr + status.Stdout;
        Assert.Contains("HTTP 404", output, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP 404: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("stripe.customers: stripe.customers", output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("stripe.customers: failed: ", plain.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_url_where_nothing_listens_fails_within_seconds_naming_base_url()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var port = FreePort();
        File.WriteAllText(harness.ConfigPath, $$"""
            warehouse: "{{harness.Warehouse.Spec}}"
            sources:
              stripe:
                type: stripe
                api_key: ${{{SandboxVendor.Stripe.Variable}}}
                base_url: http://127.0.0.1:{{port}}
                streams: [customers, coupons]
                max_retries: 5
                retry_base_delay: 1s
            """);

        var clock = Stopwatch.StartNew();
        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync");
        clock.Stop();

        Assert.Equal(1, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        Assert.Contains($"nothing answers at http://127.0.0.1:{port} (connection refused)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Check sources.stripe.base_url", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_reset_of_a_misspelt_stream_suggests_the_right_one_and_exits_two()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");

        var typo = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "state", "reset", "stripe.custmers");
        var never = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "state", "reset", "stripe.customers");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("stripe.custmers: no such stream. Did you mean 'stripe.customers'?", typo.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, never.ExitCode);
        Assert.Contains("had no stored state", never.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_in_the_future_warns()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [coupons]");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync", "--since", "2999-01-01");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("warning: --since 2999-01-01 is in the future", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_literal_password_in_the_warehouse_url_is_warned_about_without_showing_it()
    {
        var directory = Directory.CreateTempSubdirectory("gh-msg-").FullName;
        var config = Path.Combine(directory, "greenhouse.yml");
        File.WriteAllText(config, "warehouse: postgresql://me:literal-pw-123@127.0.0.1:1/shop\nsources:\n  stripe: {type: stripe, api_key: \"${GH_UNSET_KEY}\"}\n");
        var literal = await Infrastructure.Cli.RunAsync(directory, null, "status");
        File.WriteAllText(config, "warehouse: postgresql://me:${GH_TEST_PG_PASSWORD}@127.0.0.1:1/shop\nsources:\n  stripe: {type: stripe, api_key: \"${GH_UNSET_KEY}\"}\n");
        var referenced = await Infrastructure.Cli.RunAsync(directory, new Dictionary<string, string> { ["GH_TEST_PG_PASSWORD"] = "from-env" }, "status");

        Assert.Contains("warning: greenhouse.yml:1:", literal.Stderr, StringComparison.Ordinal);
        Assert.Contains("warehouse: holds a literal password", literal.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("literal-pw-123", literal.Stderr + literal.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", referenced.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, referenced.ExitCode);
    }

    [Fact]
    public async Task State_show_prints_one_json_object_per_line()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [coupons, products]");
        Assert.Equal(0, (await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync")).ExitCode);

        var result = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "state", "show");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.StartsWith("stripe.", json.RootElement.GetProperty("stream").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("updated_at").ValueKind);
            Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("state").ValueKind);
            Assert.True(json.RootElement.GetProperty("state").TryGetProperty("cursor", out _), line);
        }
    }
}
