using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Tests.GitHub;

/// <summary>
/// A configured repository that was renamed since: GitHub answers its old name with 301 to <c>/repositories/{id}</c>,
/// which Greenhouse follows with the token (a private repository is 404 without it), reading it whole under its new
/// name and warning once that the config names it by the old one; a redirect to another host never gets the token.
/// </summary>
public sealed class GitHubRenameTests
{
    private const string OldName = "acme/app";
    private const string NewName = "acme/application";
    private const string Warning = "repository acme/app was renamed or moved to acme/application; update sources.github.repositories";

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static async Task<SourceHarness> StartAsync(string kind)
    {
        var harness = await SourceHarness.StartAsync(SandboxVendor.GitHub, kind);
        harness.WriteConfig(defaults: $"repositories: {OldName}");
        harness.Sandbox.GitHub.MaxPerPage = 10;
        return harness;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_renamed_private_repository_syncs_whole_with_the_token_and_warns_once_to_update_the_config(string kind)
    {
        await using var harness = await StartAsync(kind);
        var github = harness.Sandbox.GitHub;
        github.Data.Rename(OldName, NewName);
        var recorder = new WarningRecorder();

        var summary = await harness.SyncAsync(observer: recorder);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        foreach (var stream in GitHubSandbox.Streams)
        {
            Assert.Equal(harness.ExpectedIds(stream, NewName), await harness.LiveIdsAsync(stream));
        }

        Assert.True(harness.Stream(summary, "issues").Pages > 3, "issues should have paged");
        var repository = await harness.QueryAsync($"SELECT full_name, private FROM {harness.Table("repositories")}");
        Assert.Equal(NewName, repository.Rows.Single()[0]);
        Assert.True(Convert.ToBoolean(repository.Rows.Single()[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"/repositories/{github.Data.RepositoryId(NewName)}", github.RequestLog);
        var warning = Assert.Single(recorder.Lines);
        Assert.EndsWith(Warning, warning);
        Assert.Equal(1, summary.Streams.Sum(s => s.Warnings));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_repository_renamed_between_syncs_keeps_its_cursor_under_the_new_name(string kind)
    {
        await using var harness = await StartAsync(kind);
        var github = harness.Sandbox.GitHub;
        await harness.SyncAsync();
        await harness.SyncAsync();
        github.Data.Rename(OldName, NewName);
        var added = github.Data.AddIssue(NewName, "Filed after the rename");
        github.ResetCounters();

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var issues = harness.Stream(summary, "issues");
        Assert.Equal(SyncMode.Incremental, issues.Mode);
        Assert.Equal(1, issues.Counts.New);
        Assert.Contains(github.RequestLog, r => r.StartsWith($"/repos/{NewName}/issues?", StringComparison.Ordinal) && r.Contains("since=", StringComparison.Ordinal));
        Assert.DoesNotContain(github.RequestLog, r => r.StartsWith($"/repos/{NewName}/issues?", StringComparison.Ordinal) && !r.Contains("since=", StringComparison.Ordinal));
        Assert.Equal(harness.ExpectedIds("issues", NewName), await harness.LiveIdsAsync("issues"));
        var state = await harness.StateAsync("issues");
        var repos = state!["cursor"]!["repos"]!.AsObject();
        Assert.True(repos.ContainsKey(NewName));
        Assert.False(repos.ContainsKey(OldName));
        Assert.Equal(1L, await harness.ScalarAsync<long>($"SELECT COUNT(*) FROM {harness.Table("issues")} WHERE number = {added} AND repository_url LIKE '%/{NewName}'"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_redirect_to_another_host_never_receives_the_token_and_fails_naming_that_host(string kind)
    {
        await using var other = await RecordingServer.StartAsync(http =>
        {
            http.Response.StatusCode = 404;
            return http.Response.WriteAsync("{\"message\":\"Not Found\"}");
        });
        await using var harness = await StartAsync(kind);
        harness.Sandbox.GitHub.RedirectOrigin = other.Url;
        harness.Sandbox.GitHub.Data.Rename(OldName, NewName);

        var summary = await harness.SyncAsync();

        Assert.All(summary.Streams, s =>
        {
            Assert.Equal(RunStatus.Failed, s.Status);
            Assert.Contains($"redirected to another host ({other.Url.GetLeftPart(UriPartial.Authority)})", s.Error);
            Assert.Contains("never sends a credential to another host", s.Error);
        });
        Assert.NotEmpty(other.Received);
        Assert.All(other.Received, r =>
        {
            Assert.StartsWith($"/repositories/{harness.Sandbox.GitHub.Data.RepositoryId(NewName)}", r.PathAndQuery);
            Assert.False(r.Headers.ContainsKey("Authorization"));
            Assert.DoesNotContain(r.Headers.Values, v => v.Contains(harness.Secret, StringComparison.Ordinal));
        });
    }
}
