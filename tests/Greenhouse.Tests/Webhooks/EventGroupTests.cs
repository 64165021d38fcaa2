using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text;
using Greenhouse.Config;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Greenhouse.Webhooks;

namespace Greenhouse.Tests.Webhooks;

/// <summary>Group commit: many events in one transaction keep each event's own outcome, and concurrent requests each land once.</summary>
public sealed class EventGroupTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gh-event-groups-").FullName;
    private readonly List<IAsyncDisposable> _disposables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private sealed record Store(TestWarehouse Warehouse, IWarehouse Opened, GreenhouseConfig Config)
    {
        public string Events => Warehouse.Kind == "sqlite" ? "_gh_events" : $"\"{Warehouse.RawSchema}\"._gh_events";

        public string Customers => Warehouse.Kind == "sqlite" ? "raw_stripe_customers" : $"\"{Warehouse.RawSchema}\".stripe_customers";

        /// <summary>A Stripe customer event mapped exactly as the receiver maps it.</summary>
        public EventApplication Customer(string eventId, string type, long created, string customerId, string email)
        {
            var body = StripeEvents.Customer(eventId, type, created, customerId, email);
            using var document = JsonDocument.Parse(body);
            var identity = new WebhookIdentity(eventId, type, DateTimeOffset.FromUnixTimeSeconds(created));
            var mapped = WebhookMapping.Map(SyncPlan.For(Config).Sources.Single(s => s.Config.Name == "stripe"), identity, document.RootElement, DateTimeOffset.UtcNow)!.Value;
            return new EventApplication(
                new WebhookEvent("stripe", eventId, type, identity.Created, Encoding.UTF8.GetString(body)), mapped.Stream, mapped.Row);
        }

        public async Task<object?[][]> QueryAsync(string sql) => [.. (await Opened.QueryAsync(sql)).Rows];

        public async Task<string?> OutcomeAsync(string eventId) =>
            (string?)(await QueryAsync($"SELECT outcome FROM {Events} WHERE event_id = '{eventId}'")).Single()[0];

        public async Task<long> CountAsync(string sql) =>
            Convert.ToInt64((await QueryAsync(sql))[0][0], CultureInfo.InvariantCulture);
    }

    private async Task<Store> StartAsync(string kind)
    {
        var warehouse = await TestWarehouse.CreateAsync(kind);
        _disposables.Add(warehouse);
        var path = Path.Combine(_directory, "greenhouse.yml");
        File.WriteAllText(path, $$"""
            warehouse: "{{warehouse.Spec}}"
            schema: {{warehouse.RawSchema}}
            sources:
              stripe:
                type: stripe
                api_key: ${GH_TEST_STRIPE_KEY}
                webhook_secret: ${{{WebhookHost.SecretVariable}}}
            """);
        var config = WebhookHost.LoadConfig(path, new Dictionary<string, string> { ["GH_TEST_STRIPE_KEY"] = "sk_test_groups" });
        return new Store(warehouse, await warehouse.OpenMigratedAsync(), config);
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Same_event_id_twice_in_one_group_is_applied_once_then_duplicate(string kind)
    {
        var store = await StartAsync(kind);
        var first = store.Customer("evt_1", "customer.updated", Now, "cus_1", "one@example.com");
        var again = store.Customer("evt_1", "customer.updated", Now + 10, "cus_1", "two@example.com");

        var outcomes = await store.Opened.ApplyEventsAsync([first, again], DateTimeOffset.UtcNow);

        Assert.Equal([EventOutcome.Applied, EventOutcome.Duplicate], outcomes);
        Assert.Equal(1L, await store.CountAsync($"SELECT count(*) FROM {store.Events}"));
        Assert.Equal("applied", await store.OutcomeAsync("evt_1"));
        Assert.Equal("one@example.com", (await store.QueryAsync($"SELECT email FROM {store.Customers} WHERE id = 'cus_1'")).Single()[0]);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Newer_snapshot_wins_within_one_group_in_either_order(string kind)
    {
        var store = await StartAsync(kind);
        var now = Now;

        var newerFirst = await store.Opened.ApplyEventsAsync(
        [
            store.Customer("evt_a2", "customer.updated", now, "cus_a", "new@example.com"),
            store.Customer("evt_a1", "customer.updated", now - 60, "cus_a", "old@example.com"),
        ], DateTimeOffset.UtcNow);
        var olderFirst = await store.Opened.ApplyEventsAsync(
        [
            store.Customer("evt_b1", "customer.updated", now - 60, "cus_b", "old@example.com"),
            store.Customer("evt_b2", "customer.updated", now, "cus_b", "new@example.com"),
        ], DateTimeOffset.UtcNow);

        Assert.Equal([EventOutcome.Applied, EventOutcome.Stale], newerFirst);
        Assert.Equal([EventOutcome.Applied, EventOutcome.Applied], olderFirst);
        Assert.Equal(
            [["cus_a", "new@example.com"], ["cus_b", "new@example.com"]],
            await store.QueryAsync($"SELECT id, email FROM {store.Customers} ORDER BY id"));
        Assert.Equal("stale", await store.OutcomeAsync("evt_a1"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Mixed_group_gives_each_event_its_own_outcome(string kind)
    {
        var store = await StartAsync(kind);
        var now = Now;
        await store.Opened.ApplyEventsAsync(
        [
            store.Customer("evt_0", "customer.created", now - 100, "cus_upd", "before@example.com"),
            store.Customer("evt_00", "customer.created", now - 100, "cus_del", "gone@example.com"),
        ], DateTimeOffset.UtcNow);

        var outcomes = await store.Opened.ApplyEventsAsync(
        [
            store.Customer("evt_new", "customer.created", now, "cus_new", "new@example.com"),
            store.Customer("evt_upd", "customer.updated", now, "cus_upd", "after@example.com"),
            store.Customer("evt_del", "customer.deleted", now, "cus_del", "gone@example.com"),
            store.Customer("evt_0", "customer.updated", now, "cus_upd", "forged@example.com"),
            store.Customer("evt_unknown", "customer.deleted", now, "cus_never", "x@example.com"),
        ], DateTimeOffset.UtcNow);

        Assert.Equal(
            [EventOutcome.Applied, EventOutcome.Applied, EventOutcome.Deleted, EventOutcome.Duplicate, EventOutcome.Unchanged],
            outcomes);
        var rows = await store.QueryAsync($"SELECT id, email, _gh_deleted_at IS NOT NULL FROM {store.Customers} ORDER BY id");
        Assert.Equal(["cus_del", "cus_new", "cus_upd"], rows.Select(r => (string)r[0]!));
        Assert.Equal("after@example.com", rows[2][1]);
        Assert.Equal([true, false, false], rows.Select(r => Convert.ToBoolean(r[2], CultureInfo.InvariantCulture)));
        Assert.Equal(
            [["evt_0", "applied"], ["evt_00", "applied"], ["evt_del", "deleted"], ["evt_new", "applied"], ["evt_unknown", "unchanged"], ["evt_upd", "applied"]],
            await store.QueryAsync($"SELECT event_id, outcome FROM {store.Events} ORDER BY event_id"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Every_acknowledged_concurrent_request_is_stored_exactly_once_and_applied(string kind)
    {
        var store = await StartAsync(kind);
        var host = await WebhookHost.StartAsync(store.Config, store.Opened, TimeProvider.System);
        _disposables.Add(host);
        var sender = new WebhookSender(host.Http, WebhookHost.Secret);
        var start = Now - 1000;
        var acknowledged = new ConcurrentBag<string>();
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < 200)
            {
                // 50 customers, each updated four times with rising snapshots.
                var body = StripeEvents.Customer($"evt_{i:D3}", "customer.updated", start + i, $"cus_{i % 50:D2}", $"v{i}@example.com");
                using var response = await sender.SendStripeAsync(host.Url(), body);
                // Applied, or stale when a newer snapshot of the same customer overtook it.
                var status = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && status is """{"status":"applied"}""" or """{"status":"stale"}""")
                {
                    acknowledged.Add($"evt_{i:D3}");
                }
            }
        })));

        Assert.Equal(200, acknowledged.Count);
        var stored = await store.QueryAsync($"SELECT event_id, count(*), min(outcome) FROM {store.Events} GROUP BY event_id ORDER BY event_id");
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), stored.Select(r => (string)r[0]!));
        Assert.All(stored, r => Assert.Equal(1L, Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        Assert.All(stored, r => Assert.Contains((string?)r[2], new[] { "applied", "stale" }));
        var emails = await store.QueryAsync($"SELECT id, email FROM {store.Customers} ORDER BY id");
        Assert.Equal(Enumerable.Range(0, 50).Select(c => $"v{150 + c}@example.com"), emails.Select(r => (string)r[1]!));
    }
}
