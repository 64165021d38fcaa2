using System.Globalization;
using System.Text.Json;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary>
/// The greenhouse command reads a source's credential only when it talks to that vendor: query, status and state need
/// only the warehouse, a sync of other sources does not need it, and a sync or serve that needs it fails naming file,
/// key and variable. A config with a Stripe and a GitHub source, the Stripe key in <c>${STRIPE_API_KEY}</c>.
/// </summary>
public sealed class ReadSideCredentialTests
{
    private const string Variable = "STRIPE_API_KEY";

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static Task<SourceHarness> StartAsync(string kind) =>
        SourceHarness.StartAsync([SandboxVendor.Stripe with { Variable = Variable }, SandboxVendor.GitHub], kind);

    /// <summary>The harness's environment with STRIPE_API_KEY unset (an empty value unsets it in the child process).</summary>
    private static Dictionary<string, string> WithoutStripeKey(SourceHarness harness) =>
        new(harness.Environment) { [Variable] = "" };

    private static void AssertNamesTheCredential(Infrastructure.Cli.Result result)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("greenhouse.yml:", result.Stderr);
        Assert.Contains("sources.stripe.api_key: environment variable STRIPE_API_KEY is not set", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Query_status_and_state_run_without_the_stripe_key(string kind)
    {
        await using var harness = await StartAsync(kind);
        var sync = await Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, "sync", "--json");
        Assert.True(sync.ExitCode == 0, sync.Stderr);
        var environment = WithoutStripeKey(harness);

        var query = await Infrastructure.Cli.RunAsync(harness.Directory, environment, "query", $"SELECT COUNT(*) AS n FROM {harness.Table("customers")}");
        var status = await Infrastructure.Cli.RunAsync(harness.Directory, environment, "status");
        var state = await Infrastructure.Cli.RunAsync(harness.Directory, environment, "state", "show", "stripe.customers");

        Assert.True(query.ExitCode == 0, query.Stderr);
        Assert.Contains(harness.Sandbox.Stripe.Data.Count("customers").ToString(CultureInfo.InvariantCulture), query.Stdout);
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("stripe.customers", status.Stdout);
        Assert.Contains("github.issues", status.Stdout);
        Assert.True(state.ExitCode == 0, state.Stderr);
        Assert.Contains("\"cursor\"", state.Stdout);
        Assert.All(new[] { query, status, state }, r => Assert.DoesNotContain(Variable, r.Stderr));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_sync_of_other_sources_runs_without_the_stripe_key_and_one_that_needs_it_names_it(string kind)
    {
        await using var harness = await StartAsync(kind);
        var environment = WithoutStripeKey(harness);

        var github = await Infrastructure.Cli.RunAsync(harness.Directory, environment, "sync", "--source", "github", "--json");
        var githubStream = await Infrastructure.Cli.RunAsync(harness.Directory, environment, "sync", "--stream", "github.releases", "--json");
        var all = await Infrastructure.Cli.RunAsync(harness.Directory, environment, "sync");
        var stripe = await Infrastructure.Cli.RunAsync(harness.Directory, environment, "sync", "--stream", "stripe.customers");

        Assert.True(github.ExitCode == 0, github.Stderr);
        var streams = JsonDocument.Parse(github.Stdout).RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.NotEmpty(streams);
        Assert.All(streams, s => Assert.StartsWith("github.", s.GetProperty("stream").GetString(), StringComparison.Ordinal));
        Assert.True(githubStream.ExitCode == 0, githubStream.Stderr);
        AssertNamesTheCredential(all);
        Assert.Equal("", all.Stdout);
        AssertNamesTheCredential(stripe);
        Assert.Empty(harness.Sandbox.Stripe.RequestLog);
    }

    [Fact]
    public async Task Serve_without_the_stripe_key_stops_at_start_naming_it()
    {
        await using var harness = await StartAsync("sqlite");

        var serve = await Infrastructure.Cli.RunAsync(harness.Directory, WithoutStripeKey(harness), "serve", "--urls", "http://127.0.0.1:0");

        AssertNamesTheCredential(serve);
    }
}
