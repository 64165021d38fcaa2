using System.Net;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.Linear;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>Signed Linear webhooks from the fake's data, received over HTTP into SQLite or PostgreSQL, next to a sync.</summary>
public sealed class LinearWebhookTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    /// <summary>An issue with every child a webhook can carry: assignee, labels, project and cycle.</summary>
    private static string FullIssue(VendorWebhookHarness harness)
    {
        var data = harness.Sandbox.Linear.Data;
        return data.Ids("issues").First(id => data.Get("issues", id) is var i
            && i["assignee"] is not null && i["project"] is not null && i["cycle"] is not null && i["estimate"] is not null);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_mapped_event_lands_the_row_a_sync_lands_but_for_the_fields_linear_does_not_send(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("linear", kind);
        var data = harness.Sandbox.Linear.Data;
        var events = new LinearWebhooks(data, harness.Clock);
        var sent = new (string Stream, string Id, SandboxWebhook Webhook, string[] NotSent)[]
        {
            ("issues", FullIssue(harness), events.Issue(FullIssue(harness), "update"), []),
            ("projects", data.Ids("projects")[0], events.Project(data.Ids("projects")[0], "update"), ["progress"]),
            ("cycles", data.Ids("cycles")[0], events.Cycle(data.Ids("cycles")[0], "update"), ["progress", "team_key"]),
            ("users", data.Ids("users")[0], events.User(data.Ids("users")[0], "update"), []),
        };

        var landed = new List<Dictionary<string, object?>>();
        foreach (var (stream, id, webhook, _) in sent)
        {
            Assert.Equal("applied", await harness.SendAsync(webhook));
            landed.Add(await harness.RowAsync(stream, id) ?? throw new InvalidOperationException($"{stream} {id} did not land"));
        }

        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        for (var i = 0; i < sent.Length; i++)
        {
            var (stream, id, _, notSent) = sent[i];
            var synced = (await harness.RowAsync(stream, id))!;
            foreach (var column in landed[i].Keys.Where(c => c != "_gh_hash"))
            {
                if (notSent.Contains(column))
                {
                    // Not in Linear's payload: null until the sync's newer snapshot rewrote the row.
                    Assert.Null(landed[i][column]);
                    Assert.NotNull(synced[column]);
                }
                else
                {
                    Assert.True(Equals(landed[i][column], synced[column]), $"{stream}.{column}: webhook {landed[i][column]}, sync {synced[column]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Redelivery_is_a_duplicate_an_older_update_is_stale_and_remove_soft_deletes(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("linear", kind);
        var linear = harness.Sandbox.Linear;
        var events = new LinearWebhooks(linear.Data, harness.Clock);
        var ids = linear.Data.Ids("issues");
        linear.UpdateIssue(ids[0], title: "First title");
        var first = events.Issue(ids[0], "update");
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        linear.UpdateIssue(ids[0], title: "Second title", stateName: "Done", stateType: "completed");
        var second = events.Issue(ids[0], "update");

        Assert.Equal("applied", await harness.SendAsync(second));
        Assert.Equal("duplicate", await harness.SendAsync(second, attempt: 2));
        Assert.Equal("stale", await harness.SendAsync(first));
        var row = (await harness.RowAsync("issues", ids[0]))!;
        Assert.Equal("Second title", row["title"]);
        Assert.Equal("completed", row["state_type"]);

        var update = events.Issue(ids[1], "update");
        Assert.Equal("applied", await harness.SendAsync(update));
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var remove = events.Issue(ids[1], "remove");
        linear.Data.Remove("issues", ids[1]);
        Assert.Equal("deleted", await harness.SendAsync(remove));
        Assert.Equal(true, (await harness.RowAsync("issues", ids[1]))!["_deleted"]);

        // The update from before the removal, delivered again as Linear's retry would (a new delivery id): too old.
        Assert.Equal("stale", await harness.SendAsync(update with { Id = Guid.NewGuid().ToString() }));
        Assert.Equal(true, (await harness.RowAsync("issues", ids[1]))!["_deleted"]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Refusals_and_events_that_are_stored_only(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("linear", kind, "streams: [issues, projects]");
        var data = harness.Sandbox.Linear.Data;
        var events = new LinearWebhooks(data, harness.Clock);
        var ids = data.Ids("issues");
        Assert.Equal("applied", await harness.SendAsync(events.Issue(ids[0], "create")));

        var forged = events.Issue(ids[1], "update");
        Assert.Equal(HttpStatusCode.Unauthorized, await harness.SendTamperedAsync(forged, WebhookTamper.BadSignature));
        Assert.Equal(HttpStatusCode.BadRequest, await harness.SendTamperedAsync(forged, WebhookTamper.StaleTimestamp));
        Assert.Null(await harness.RowAsync("issues", ids[1]));
        Assert.Null(await harness.OutcomeAsync(forged.Id));

        // users is not enabled; Comment is not a stream: both acknowledged and kept in _gh_events only.
        var user = events.User(data.Ids("users")[0], "update");
        Assert.Equal("stored", await harness.SendAsync(user));
        var comment = new SandboxWebhook("linear", "Comment", Guid.NewGuid().ToString(), new JsonObject
        {
            ["action"] = "create", ["type"] = "Comment", ["createdAt"] = "2025-06-15T12:00:00.000Z",
            ["data"] = new JsonObject { ["id"] = "cmt-1", ["body"] = "Thanks!", ["issueId"] = ids[0], ["updatedAt"] = "2025-06-15T12:00:00.000Z" },
        });
        Assert.Equal("stored", await harness.SendAsync(comment));
        Assert.Equal("stored", await harness.OutcomeAsync(comment.Id));
        Assert.Single((await harness.QueryAsync($"SELECT id FROM {harness.Table("issues")}")).Rows);
    }
}
