using System.Globalization;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Buttondown;

/// <summary>
/// Fake Buttondown over HTTP on 127.0.0.1 → sync engine → a real SQLite file or PostgreSQL schema; the connector
/// contract on subscribers, ten to a page, and what only Buttondown does.
/// </summary>
public sealed class ButtondownSyncTests : ApiConnectorContract
{
    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    protected override SandboxVendor Vendor => SandboxVendor.Buttondown;

    protected override string Stream => "subscribers";

    protected override string PagePath => "/v1/subscribers";

    protected override int PageSize => 10;

    protected override string RejectedSecret => "definitely-wrong-key-4242";

    protected override IReadOnlyList<string> RejectedKeyWording => ["rejected the API key in sources.buttondown.api_key (${GH_TEST_BUTTONDOWN_KEY})", "Invalid token."];

    protected override VendorFake Fake(SandboxServer sandbox) => sandbox.Buttondown;

    protected override IEnumerable<string> ExpectedIds(SourceHarness harness, string stream) =>
        stream == "emails" ? harness.Sandbox.Buttondown.Data.EmailIds() : harness.Sandbox.Buttondown.Data.SubscriberIds();

    protected override async Task<SourceHarness> StartAsync(string kind)
    {
        var harness = await base.StartAsync(kind);
        harness.Sandbox.Buttondown.PageSize = PageSize;
        return harness;
    }

    private Task AssertMatchesSandboxAsync(SourceHarness harness) => AssertMatchesFakeAsync(harness, ["subscribers", "emails"]);

    /// <summary>Every subscriber type; subscribers are the Stripe customers' people; sent emails have dates and opens within recipients.</summary>
    protected override async Task AssertFirstSyncRowsAsync(SourceHarness harness, RunSummary summary)
    {
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
    public async Task An_incremental_run_lists_only_what_changed_by_date_and_the_full_refresh_catches_the_rest(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Buttondown.Data;
        var regulars = data.SubscriberIds().Where(id => (string)data.Subscriber(id)["type"]! == "regular").ToList();
        data.Unsubscribe(regulars[0]);
        data.Upgrade(regulars[1]);
        data.Retag(regulars[2], "vip");
        var added = data.AddSubscriber("new.reader@example.com");
        var removed = data.SubscriberIds().Last(id => id != added && !regulars.Take(3).Contains(id));
        data.DeleteSubscriber(removed);
        var sent = (string)(await harness.QueryAsync($"SELECT MIN(id) FROM {harness.Table("emails")} WHERE status = 'sent'")).Rows.Single()[0]!;
        data.RecordOpens(sent, 4242);
        var fake = harness.Sandbox.Buttondown;
        fake.ResetCounters();

        var incremental = await harness.SyncAsync();

        var subscribers = harness.Stream(incremental, "subscribers");
        Assert.Equal(SyncMode.Incremental, subscribers.Mode);
        Assert.Equal(2, subscribers.Counts.Updated);
        Assert.Equal(1, subscribers.Counts.New);
        Assert.Equal(0, subscribers.Counts.Deleted);
        var since = DateTime.UtcNow.Date.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var filter in new[] { "date", "upgrade_date", "churn_date", "unsubscription_date", "undeliverability_date" })
        {
            Assert.Contains($"/v1/subscribers?{filter}__start={since}", fake.RequestLog);
        }

        Assert.True(subscribers.Records < data.SubscriberCount / 4, $"an incremental run read {subscribers.Records} of {data.SubscriberCount} subscribers");
        Assert.Equal(("unsubscribed", "premium"), await TypesAsync(harness, regulars[0], regulars[1]));
        // A retag has no date Buttondown can filter by: it waits for the full refresh.
        Assert.DoesNotContain("vip", await RawAsync(harness, regulars[2]));
        var emails = harness.Stream(incremental, "emails");
        Assert.Equal(1, emails.Counts.Updated);
        Assert.Equal(1, fake.RequestCount("/v1/emails?ordering=-modification_date"));
        var opens = (await harness.QueryAsync($"SELECT opens FROM {harness.Table("emails")} WHERE id = '{sent}'")).Rows.Single()[0];
        Assert.Equal(4242L, Convert.ToInt64(opens, CultureInfo.InvariantCulture));

        var full = await harness.SyncAsync(new SyncRequest(FullRefresh: true));

        Assert.Equal(1, harness.Stream(full, "subscribers").Counts.Deleted);
        Assert.Equal(1, harness.Stream(full, "subscribers").Counts.Updated);
        Assert.Contains("vip", await RawAsync(harness, regulars[2]));
        var deletedAt = (await harness.QueryAsync($"SELECT _gh_deleted_at FROM {harness.Table("subscribers")} WHERE id = '{removed}'")).Rows.Single()[0];
        Assert.False(deletedAt is null or DBNull);
        await AssertMatchesSandboxAsync(harness);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_run_interrupted_between_date_listings_resumes_at_the_listing_it_was_in(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Buttondown, kind);
        await harness.SyncAsync();
        var data = harness.Sandbox.Buttondown.Data;
        var regular = data.SubscriberIds().First(id => (string)data.Subscriber(id)["type"]! == "regular");
        data.Unsubscribe(regular);
        var fake = harness.Sandbox.Buttondown;
        fake.Faults.Add(new FaultRule("/v1/subscribers", FaultKind.Status, OnRequest: 3, StatusCode: 500, Times: int.MaxValue));
        fake.ResetCounters();

        var failed = await harness.SyncAsync();

        Assert.Equal(RunStatus.Failed, harness.Stream(failed, "subscribers").Status);
        fake.Faults.Clear();
        fake.ResetCounters();
        var rerun = await harness.SyncAsync();

        var subscribers = harness.Stream(rerun, "subscribers");
        Assert.True(subscribers.Resumed);
        Assert.Equal(SyncMode.Incremental, subscribers.Mode);
        // Listings 1 and 2 (date, upgrade_date) committed before the failure; the rerun starts at the third.
        Assert.DoesNotContain(fake.RequestLog, r => r.StartsWith("/v1/subscribers?date__start=", StringComparison.Ordinal));
        Assert.Contains(fake.RequestLog, r => r.StartsWith("/v1/subscribers?churn_date__start=", StringComparison.Ordinal));
        Assert.Equal(("unsubscribed", "unsubscribed"), await TypesAsync(harness, regular, regular));
        await using var warehouse = harness.Warehouse.Open();
        var cursor = (await warehouse.ReadStateAsync("buttondown.subscribers")).Single().Value["cursor"]!;
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)cursor["through"]);
    }

    private static async Task<(string?, string?)> TypesAsync(SourceHarness harness, string first, string second)
    {
        var rows = (await harness.QueryAsync($"SELECT id, type FROM {harness.Table("subscribers")} WHERE id IN ('{first}', '{second}')")).Rows;
        return ((string?)rows.Single(r => (string)r[0]! == first)[1], (string?)rows.Single(r => (string)r[0]! == second)[1]);
    }

    private static async Task<string> RawAsync(SourceHarness harness, string id) =>
        Convert.ToString((await harness.QueryAsync($"SELECT _gh_raw FROM {harness.Table("subscribers")} WHERE id = '{id}'")).Rows.Single()[0], CultureInfo.InvariantCulture)!;

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
