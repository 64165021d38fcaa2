using System.Diagnostics;
using System.Globalization;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Buttondown;

/// <summary>Fake Buttondown over HTTP on 127.0.0.1 → sync engine → a real SQLite file or PostgreSQL schema.</summary>
public sealed class ButtondownSyncTests
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    private static async Task AssertMatchesSandboxAsync(SourceHarness harness)
    {
        var data = harness.Sandbox.Buttondown.Data;
        Assert.Equal(data.SubscriberIds().ToHashSet(), await harness.LiveIdsAsync("subscribers"));
        Assert.Equal(data.EmailIds().ToHashSet(), await harness.LiveIdsAsync("emails"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task First_sync_lands_every_subscriber_and_email(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.All(summary.Streams, s => Assert.Equal(SyncMode.FullRefresh, s.Mode));
        Assert.All(summary.Streams, s => Assert.Equal(0, s.Warnings));
        await AssertMatchesSandboxAsync(harness);
        var types = await harness.QueryAsync($"SELECT type, COUNT(*) FROM {harness.Table("subscribers")} GROUP BY type");
        Assert.Equal(["premium", "regular", "unactivated", "unsubscribed"], types.Rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));

        // The same people as the Stripe customers: premium subscribers pay on Stripe (a few have since deleted their
        // Stripe customer), regular ones never did.
        var stripe = harness.Sandbox.Stripe.Data;
        var customerEmails = stripe.Ids("customers").Select(id => (string?)stripe.Get("customers", id)["email"]).ToHashSet();
        var premium = (await harness.QueryAsync($"SELECT email FROM {harness.Table("subscribers")} WHERE type = 'premium'")).Rows.Select(r => (string)r[0]!).ToList();
        Assert.NotEmpty(premium);
        Assert.True(premium.Count(customerEmails.Contains) >= premium.Count * 0.8, "premium subscribers should be Stripe customers");
        var regular = await harness.QueryAsync($"SELECT email FROM {harness.Table("subscribers")} WHERE type = 'regular'");
        Assert.All(regular.Rows, r => Assert.DoesNotContain((string)r[0]!, customerEmails));

        var sent = await harness.QueryAsync($"SELECT subject, publish_date, recipients, opens FROM {harness.Table("emails")} WHERE status = 'sent'");
        Assert.NotEmpty(sent.Rows);
        Assert.All(sent.Rows, r =>
        {
            Assert.NotNull(r[1]);
            Assert.True(Convert.ToInt64(r[2], CultureInfo.InvariantCulture) >= Convert.ToInt64(r[3], CultureInfo.InvariantCulture));
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Second_sync_rewrites_no_rows(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        var first = await harness.SyncAsync();
        var fingerprint = $"SELECT COUNT(*), MAX(_gh_run_id), MAX(_gh_last_synced) FROM {harness.Table("subscribers")}";
        var before = (await harness.QueryAsync(fingerprint)).Rows[0];

        var second = await harness.SyncAsync();

        RunAssert.WroteNothing(second, SyncMode.Incremental);
        Assert.Equal(before, (await harness.QueryAsync(fingerprint)).Rows[0]);
        Assert.Equal(first.RunId, Convert.ToInt64(before[1], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_run_catches_new_and_changed_subscribers_and_the_full_refresh_soft_deletes_removed_ones(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Buttondown.Data;
        var regular = data.SubscriberIds().First(id => (string)data.Subscriber(id)["type"]! == "regular");
        data.Unsubscribe(regular);
        var added = data.AddSubscriber("new.reader@example.com");
        var removed = data.SubscriberIds().Last(id => id != added && id != regular);
        data.DeleteSubscriber(removed);

        var incremental = await harness.SyncAsync();

        var subscribers = harness.Stream(incremental, "subscribers");
        Assert.Equal(SyncMode.Incremental, subscribers.Mode);
        Assert.Equal(1, subscribers.Counts.Updated);
        Assert.Equal(1, subscribers.Counts.New);
        Assert.Equal(0, subscribers.Counts.Deleted);
        var type = (await harness.QueryAsync($"SELECT type FROM {harness.Table("subscribers")} WHERE id = '{regular}'")).Rows.Single()[0];
        Assert.Equal("unsubscribed", type);

        var full = await harness.SyncAsync(new SyncRequest(FullRefresh: true));

        Assert.Equal(1, harness.Stream(full, "subscribers").Counts.Deleted);
        var deletedAt = (await harness.QueryAsync($"SELECT _gh_deleted_at FROM {harness.Table("subscribers")} WHERE id = '{removed}'")).Rows.Single()[0];
        Assert.False(deletedAt is null or DBNull);
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Paging_follows_next_until_it_is_null(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var fake = harness.Sandbox.Buttondown;
        var pages = (fake.Data.SubscriberCount + fake.PageSize - 1) / fake.PageSize;
        Assert.True(pages > 1);
        Assert.Equal(pages, fake.RequestCount("/v1/subscribers"));
        Assert.Equal(pages, harness.Stream(summary, "subscribers").Pages);
        Assert.Contains($"/v1/subscribers?page={pages}", fake.RequestLog);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_rejected_key_names_its_variable_and_never_its_value(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        harness.Secret = "definitely-wrong-key-4242";

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.All(summary.Streams, s =>
        {
            Assert.Contains("rejected the API key in sources.buttondown.api_key (${GH_TEST_BUTTONDOWN_KEY})", s.Error);
            Assert.Contains("Invalid token.", s.Error);
            Assert.DoesNotContain("definitely-wrong", s.Error);
        });
        Assert.Equal(1, harness.Sandbox.Buttondown.RequestCount("/v1/subscribers"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_429_honours_retry_after_and_then_succeeds(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        harness.Sandbox.Buttondown.Faults.Add(new FaultRule("/v1/subscribers", FaultKind.RateLimit, OnRequest: 2, RetryAfterSeconds: 1));
        var watch = Stopwatch.StartNew();

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), "Retry-After: 1 was not honoured");
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_malformed_page_fails_the_stream_without_advancing_state_and_a_rerun_converges(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        harness.Sandbox.Buttondown.Faults.Add(new FaultRule("/v1/subscribers", FaultKind.MalformedJson, OnRequest: 2));

        var failed = await harness.SyncAsync();

        Assert.Equal(RunStatus.Partial, failed.Status);
        var subscribers = harness.Stream(failed, "subscribers");
        Assert.Equal(RunStatus.Failed, subscribers.Status);
        Assert.Contains("page 2", subscribers.Error);
        Assert.Contains("not valid JSON", subscribers.Error);
        Assert.Equal(harness.Sandbox.Buttondown.PageSize, (await harness.LiveIdsAsync("subscribers")).Count);
        RunAssert.PendingWithoutCursor(await harness.StateAsync("subscribers"));

        var rerun = await harness.SyncAsync();

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.True(harness.Stream(rerun, "subscribers").Resumed);
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_next_that_repeats_fails_clearly_instead_of_looping(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        harness.Sandbox.Buttondown.StuckNext = true;

        var summary = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.All(summary.Streams, s => Assert.Contains("again; stopping instead of paging in a loop", s.Error));
        Assert.Equal(2, harness.Sandbox.Buttondown.RequestCount("/v1/subscribers"));
    }
}
