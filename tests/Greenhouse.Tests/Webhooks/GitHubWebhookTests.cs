using System.Globalization;
using System.Net;
using Greenhouse.Sandbox.GitHub;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>Signed GitHub webhooks from the fake's data, received over HTTP into SQLite or PostgreSQL, next to a sync.</summary>
public sealed class GitHubWebhookTests
{
    private const string Repo = "acme/app";

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static long Id(string id) => long.Parse(id, CultureInfo.InvariantCulture);

    /// <summary>The number of the first issue (pull request when <paramref name="pull"/>) of the repository.</summary>
    private static int Number(VendorWebhookHarness harness, bool pull) =>
        (int)harness.Sandbox.GitHub.Data.Snapshot(Repo, "issues")!.First(i => (i["pull_request"] is not null) == pull)["number"]!;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_mapped_event_lands_the_row_a_sync_of_the_same_data_lands(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("github", kind);
        var data = harness.Sandbox.GitHub.Data;
        var events = new GitHubWebhooks(data);
        var issue = Number(harness, pull: false);
        var pull = Number(harness, pull: true);
        var comment = Id(data.Ids("issue_comments", Repo)[0]);
        var release = Id(data.Ids("releases", Repo)[0]);
        var sent = new (string Stream, string Id, SandboxWebhook Webhook)[]
        {
            ("issues", IssueId(data, issue), events.Issue(Repo, issue, "edited")),
            ("pull_requests", PullId(data, pull), events.PullRequest(Repo, pull, "synchronize")),
            ("issue_comments", comment.ToString(CultureInfo.InvariantCulture), events.IssueComment(Repo, comment, "created")),
            ("releases", release.ToString(CultureInfo.InvariantCulture), events.Release(Repo, release, "published")),
            ("repositories", data.RepositoryId(Repo).ToString(CultureInfo.InvariantCulture), events.Repository(Repo, "edited")),
        };

        foreach (var (_, _, webhook) in sent)
        {
            Assert.Equal("applied", await harness.SendAsync(webhook));
        }

        Assert.Equal("stored", await harness.SendAsync(GitHubWebhooks.Ping()));
        var landed = new List<Dictionary<string, object?>>();
        foreach (var (stream, id, _) in sent)
        {
            landed.Add(await harness.RowAsync(stream, id) ?? throw new InvalidOperationException($"{stream} {id} did not land"));
        }

        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        // GitHub's webhook objects are its REST objects: the sync finds the very same rows (same hash, so not rewritten).
        for (var i = 0; i < sent.Length; i++)
        {
            Assert.Equal(landed[i], await harness.RowAsync(sent[i].Stream, sent[i].Id));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Redelivery_is_a_duplicate_an_older_update_is_stale_and_a_deletion_soft_deletes(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("github", kind);
        var data = harness.Sandbox.GitHub.Data;
        var events = new GitHubWebhooks(data);
        var number = Number(harness, pull: false);
        var id = IssueId(data, number);
        data.UpdateIssue(Repo, number, i => i["title"] = "First title");
        var first = events.Issue(Repo, number, "edited");
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        data.UpdateIssue(Repo, number, i => i["title"] = "Second title");
        var second = events.Issue(Repo, number, "edited");

        Assert.Equal("applied", await harness.SendAsync(second));
        Assert.Equal("duplicate", await harness.SendAsync(second, attempt: 2));
        Assert.Equal("stale", await harness.SendAsync(first));
        Assert.Equal("Second title", (await harness.RowAsync("issues", id))!["title"]);

        var comment = Id(data.Ids("issue_comments", Repo)[0]);
        var commentId = comment.ToString(CultureInfo.InvariantCulture);
        Assert.Equal("applied", await harness.SendAsync(events.IssueComment(Repo, comment, "created")));
        var deleted = events.IssueComment(Repo, comment, "deleted");
        data.DeleteComment(Repo, comment);
        Assert.Equal("deleted", await harness.SendAsync(deleted));
        Assert.Equal(true, (await harness.RowAsync("issue_comments", commentId))!["_deleted"]);
        Assert.Equal("deleted", await harness.OutcomeAsync(deleted.Id));

        // A sync of the same data agrees: the newer title, the comment gone.
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        Assert.Equal("Second title", (await harness.RowAsync("issues", id))!["title"]);
        Assert.Equal(true, (await harness.RowAsync("issue_comments", commentId))!["_deleted"]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Bad_signature_is_401_and_events_for_a_disabled_stream_or_another_repository_are_stored_only(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("github", kind, "repositories: acme/app\nstreams: [issues, repositories]");
        var data = harness.Sandbox.GitHub.Data;
        var events = new GitHubWebhooks(data);
        var issues = data.Snapshot(Repo, "issues")!.Where(i => i["pull_request"] is null).Select(i => (int)i["number"]!).ToList();
        Assert.Equal("applied", await harness.SendAsync(events.Issue(Repo, issues[0], "labeled")));

        var forged = events.Issue(Repo, issues[1], "edited");
        Assert.Equal(HttpStatusCode.Unauthorized, await harness.SendTamperedAsync(forged, WebhookTamper.BadSignature));
        Assert.Equal(HttpStatusCode.Unauthorized, await harness.SendTamperedAsync(forged, WebhookTamper.WrongSecret));
        Assert.Null(await harness.RowAsync("issues", IssueId(data, issues[1])));
        Assert.Null(await harness.OutcomeAsync(forged.Id));

        var pull = events.PullRequest(Repo, Number(harness, pull: true), "opened");
        Assert.Equal("stored", await harness.SendAsync(pull));
        var elsewhere = events.Issue("acme/site", (int)data.Snapshot("acme/site", "issues")![0]["number"]!, "opened");
        Assert.Equal("stored", await harness.SendAsync(elsewhere));
        Assert.Equal("stored", await harness.OutcomeAsync(pull.Id));
        Assert.Single((await harness.QueryAsync($"SELECT id FROM {harness.Table("issues")}")).Rows);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_issue_a_webhook_delivered_compact_is_unchanged_when_a_sync_serves_it_indented(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("github", kind);
        var data = harness.Sandbox.GitHub.Data;
        var number = Number(harness, pull: false);
        var id = IssueId(data, number);
        Assert.Equal("applied", await harness.SendAsync(new GitHubWebhooks(data).Issue(Repo, number, "edited")));
        var landed = await harness.RowAsync("issues", id);
        var version = await RowVersionAsync(harness, id);
        harness.Sandbox.GitHub.Indent = true;

        var summary = await harness.SyncAsync();

        var issues = summary.Streams.Single(s => s.Stream == "github.issues");
        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(0, issues.Counts.Updated);
        Assert.Equal(1, issues.Counts.Unchanged);
        Assert.Equal(landed, await harness.RowAsync("issues", id));
        Assert.Equal(version, await RowVersionAsync(harness, id));
    }

    /// <summary>The row's sync metadata and, in PostgreSQL, its row version (any rewrite changes it).</summary>
    private static async Task<string> RowVersionAsync(VendorWebhookHarness harness, string id)
    {
        var version = harness.Warehouse.Kind == "postgresql" ? "xmin::text || ctid::text" : "''";
        var row = (await harness.QueryAsync($"SELECT _gh_last_synced, _gh_run_id, {version} FROM {harness.Table("issues")} WHERE id = '{id}'")).Rows.Single();
        return string.Join("|", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
    }

    private static string IssueId(GitHubFakeData data, int number) =>
        ((long)data.Snapshot(Repo, "issues")!.Single(i => (int)i["number"]! == number)["id"]!).ToString(CultureInfo.InvariantCulture);

    private static string PullId(GitHubFakeData data, int number) =>
        ((long)data.Snapshot(Repo, "pulls")!.Single(i => (int)i["number"]! == number)["id"]!).ToString(CultureInfo.InvariantCulture);
}
