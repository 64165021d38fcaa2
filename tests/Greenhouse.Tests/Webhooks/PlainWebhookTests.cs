using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.Plain;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>Signed Plain webhooks from the fake's data, received over HTTP into SQLite or PostgreSQL, next to a sync.</summary>
public sealed class PlainWebhookTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Thread_and_customer_events_land_the_rows_a_sync_lands(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("plain", kind);
        var data = harness.Sandbox.Plain.Data;
        var events = new PlainWebhooks(data, harness.Clock);
        var thread = data.Ids("threads")[0];
        var customer = data.Ids("customers")[0];
        var sent = new (string Stream, string Id, SandboxWebhook Webhook)[]
        {
            ("threads", thread, events.Thread(thread, "thread.thread_created")),
            ("customers", customer, events.Customer(customer, "customer.customer_created")),
        };

        var landed = new List<Dictionary<string, object?>>();
        foreach (var (stream, id, webhook) in sent)
        {
            Assert.Equal("applied", await harness.SendAsync(webhook));
            landed.Add(await harness.RowAsync(stream, id) ?? throw new InvalidOperationException($"{stream} {id} did not land"));
        }

        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);

        for (var i = 0; i < sent.Length; i++)
        {
            var synced = (await harness.RowAsync(sent[i].Stream, sent[i].Id))!;
            foreach (var column in landed[i].Keys.Where(c => c != "_gh_hash"))
            {
                Assert.True(Equals(landed[i][column], synced[column]), $"{sent[i].Stream}.{column}: webhook {landed[i][column]}, sync {synced[column]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Redelivery_is_a_duplicate_an_older_update_is_stale_and_a_deleted_customer_soft_deletes(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("plain", kind);
        var plain = harness.Sandbox.Plain;
        var events = new PlainWebhooks(plain.Data, harness.Clock);
        var thread = plain.Data.Ids("threads")[0];
        plain.UpdateThread(thread, "SNOOZED");
        var first = events.Thread(thread, "thread.thread_status_transitioned");
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        plain.UpdateThread(thread, "DONE");
        var second = events.Thread(thread, "thread.thread_status_transitioned");

        Assert.Equal("applied", await harness.SendAsync(second));
        Assert.Equal("duplicate", await harness.SendAsync(second, attempt: 2));
        Assert.Equal("stale", await harness.SendAsync(first));
        Assert.Equal("DONE", (await harness.RowAsync("threads", thread))!["status"]);

        var customer = plain.Data.Ids("customers")[1];
        Assert.Equal("applied", await harness.SendAsync(events.Customer(customer, "customer.customer_updated")));
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var deleted = events.Customer(customer, "customer.customer_deleted");
        plain.Data.Remove("customers", customer);
        Assert.Equal("deleted", await harness.SendAsync(deleted));
        var row = (await harness.RowAsync("customers", customer))!;
        Assert.Equal(true, row["_deleted"]);
        Assert.Equal("deleted", await harness.OutcomeAsync(deleted.Id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Refusals_and_events_that_are_stored_only(string kind)
    {
        await using var harness = await VendorWebhookHarness.StartAsync("plain", kind, "streams: [customers]");
        var data = harness.Sandbox.Plain.Data;
        var events = new PlainWebhooks(data, harness.Clock);
        var customers = data.Ids("customers");
        Assert.Equal("applied", await harness.SendAsync(events.Customer(customers[0], "customer.customer_updated")));

        var forged = events.Customer(customers[1], "customer.customer_updated");
        Assert.Equal(HttpStatusCode.Unauthorized, await harness.SendTamperedAsync(forged, WebhookTamper.BadSignature));
        Assert.Equal(HttpStatusCode.Unauthorized, await harness.SendTamperedAsync(forged, WebhookTamper.WrongSecret));
        Assert.Equal(HttpStatusCode.BadRequest, await harness.SendTamperedAsync(forged, WebhookTamper.MissingSignature));
        Assert.Null(await harness.RowAsync("customers", customers[1]));
        Assert.Null(await harness.OutcomeAsync(forged.Id));

        // threads is not enabled; a timeline event carries no stream's object: both kept in _gh_events only.
        var thread = events.Thread(data.Ids("threads")[0]);
        Assert.Equal("stored", await harness.SendAsync(thread));
        var timeline = new SandboxWebhook("plain", "timeline.timeline_entry_changed", PlainWebhooks.NewId("pEv"), new JsonObject
        {
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["workspaceId"] = "w_01SANDB0X0000000000000000",
            ["payload"] = new JsonObject { ["eventType"] = "timeline.timeline_entry_changed", ["changeType"] = "ADDED", ["timelineEntry"] = null, ["previousTimelineEntry"] = null },
            ["type"] = "timeline.timeline_entry_changed",
        });
        Assert.Equal("stored", await harness.SendAsync(timeline));
        Assert.Equal("stored", await harness.OutcomeAsync(timeline.Id));
        Assert.Single((await harness.QueryAsync($"SELECT id FROM {harness.Table("customers")}")).Rows);
    }
}
