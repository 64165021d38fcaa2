using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.GitHub;

/// <summary>A spent rate limit and missing repositories, against the fake GitHub over HTTP (the contract in <see cref="GitHubSyncTests"/> covers bad tokens and a secondary rate limit).</summary>
public sealed class GitHubErrorTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_spent_rate_limit_waits_until_the_reset_and_then_succeeds(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        harness.WriteConfig("streams: [issues, releases]");
        harness.Sandbox.GitHub.RateLimit = 3;
        harness.Sandbox.GitHub.RateLimitWindow = TimeSpan.FromSeconds(1);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(harness.Sandbox.GitHub.RateLimitedCount > 0, "the budget was never spent");
        Assert.Equal(harness.ExpectedIds("issues"), await harness.LiveIdsAsync("issues"));
        Assert.Equal(harness.ExpectedIds("releases"), await harness.LiveIdsAsync("releases"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_missing_repository_fails_with_its_name(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        harness.WriteConfig(defaults: "repositories: acme/app, acme/nope");

        var summary = await harness.SyncAsync();

        var issues = harness.Stream(summary, "issues");
        Assert.Equal(RunStatus.Failed, issues.Status);
        Assert.Contains("acme/nope", issues.Error);
        Assert.Contains("not found", issues.Error);
    }

    [Fact]
    public async Task A_source_without_repositories_or_organizations_is_a_config_error()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, "sqlite");
        harness.WriteConfig(defaults: "schedule: 0 * * * *");

        var error = await Assert.ThrowsAsync<Greenhouse.Config.ConfigException>(() => harness.SyncAsync());

        Assert.Contains("repositories", error.Message);
        Assert.Contains("organizations", error.Message);
    }
}
