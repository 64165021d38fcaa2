using System.Net;
using System.Net.Sockets;
using System.Text;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary><c>POST /webhooks/{source}</c> over real HTTP on 127.0.0.1, into a real SQLite file or PostgreSQL schema.</summary>
public sealed class WebhookReceiverTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gh-webhooks-").FullName;
    private readonly List<IAsyncDisposable> _disposables = [];

    public static TheoryData<string> Kinds => TestWarehouse.Kinds;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private sealed record Receiver(WebhookHost Host, TestWarehouse Warehouse, WebhookSender Sender)
    {
        public Uri Url => Host.Url();

        public async Task<object?[][]> QueryAsync(string sql)
        {
            await using var warehouse = Warehouse.Open();
            return [.. (await warehouse.QueryAsync(sql)).Rows];
        }

        public string Events => Warehouse.Kind == "sqlite" ? "_gh_events" : $"\"{Warehouse.RawSchema}\"._gh_events";

        public string Customers => Warehouse.Kind == "sqlite" ? "raw_stripe_customers" : $"\"{Warehouse.RawSchema}\".stripe_customers";
    }

    private async Task<Receiver> StartAsync(string kind, string? warehouseSpec = null, long maxBytes = 65536)
    {
        var warehouse = await TestWarehouse.CreateAsync(kind);
        _disposables.Add(warehouse);
        var path = Path.Combine(_directory, "greenhouse.yml");
        File.WriteAllText(path, $$"""
            warehouse: "{{warehouseSpec ?? warehouse.Spec}}"
            schema: {{warehouse.RawSchema}}
            webhook_max_bytes: {{maxBytes}}
            sources:
              stripe:
                type: stripe
                api_key: ${GH_TEST_STRIPE_KEY}
                webhook_secret: ${{{WebhookHost.SecretVariable}}}
              quiet:
                type: stripe
                api_key: ${GH_TEST_STRIPE_KEY}
            """);
        var config = WebhookHost.LoadConfig(path, new Dictionary<string, string> { ["GH_TEST_STRIPE_KEY"] = "sk_test_receiver" });
        var store = warehouseSpec is null ? warehouse.Open() : WarehouseFactory.Open(warehouseSpec, warehouse.RawSchema);
        if (warehouseSpec is not null)
        {
            _disposables.Add(store);
        }

        if (warehouseSpec is null)
        {
            await store.MigrateAsync(); // as a host does at startup; the ingestor would otherwise migrate on the first event
        }

        var host = await WebhookHost.StartAsync(config, store, TimeProvider.System);
        _disposables.Add(host);
        return new Receiver(host, warehouse, new WebhookSender(host.Http, WebhookHost.Secret));
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(Receiver receiver, byte[] body, WebhookTamper tamper = WebhookTamper.None)
    {
        using var response = await receiver.Sender.SendStripeAsync(receiver.Url, body, tamper);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Signed_event_lands_in_events_and_its_object_in_the_stream_table(string kind)
    {
        var receiver = await StartAsync(kind);

        var (status, body) = await SendAsync(receiver, StripeEvents.Customer("evt_1", "customer.created", Now, "cus_1", "ada@example.com"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"applied"}""", body);
        var events = await receiver.QueryAsync($"SELECT type, stream, object_id, outcome FROM {receiver.Events} WHERE event_id = 'evt_1'");
        Assert.Equal(["customer.created", "stripe.customers", "cus_1", "applied"], events.Single());
        var rows = await receiver.QueryAsync($"SELECT email, name, _gh_deleted_at FROM {receiver.Customers} WHERE id = 'cus_1'");
        Assert.Equal(["ada@example.com", "Ada", null], rows.Single());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Redelivery_is_acknowledged_as_duplicate_and_not_applied_twice(string kind)
    {
        var receiver = await StartAsync(kind);
        var first = StripeEvents.Customer("evt_1", "customer.updated", Now, "cus_1", "one@example.com");
        await SendAsync(receiver, first);
        var before = await receiver.QueryAsync($"SELECT _gh_last_synced, email FROM {receiver.Customers}");

        // The same event id again, even with another snapshot inside, changes nothing.
        var again = await receiver.Sender.SendStripeAsync(receiver.Url, first, timestampOffsetSeconds: 5);
        var forged = await SendAsync(receiver, StripeEvents.Customer("evt_1", "customer.updated", Now + 10, "cus_1", "two@example.com"));

        Assert.Equal("""{"status":"duplicate"}""", await again.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, """{"status":"duplicate"}"""), forged);
        Assert.Equal(1L, Convert.ToInt64((await receiver.QueryAsync($"SELECT count(*) FROM {receiver.Events}"))[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(before, await receiver.QueryAsync($"SELECT _gh_last_synced, email FROM {receiver.Customers}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Older_snapshot_arriving_after_a_newer_one_does_not_overwrite_it(string kind)
    {
        var receiver = await StartAsync(kind);

        var newer = await SendAsync(receiver, StripeEvents.Customer("evt_2", "customer.updated", Now, "cus_1", "new@example.com"));
        var older = await SendAsync(receiver, StripeEvents.Customer("evt_1", "customer.updated", Now - 60, "cus_1", "old@example.com"));

        Assert.Equal("""{"status":"applied"}""", newer.Body);
        Assert.Equal("""{"status":"stale"}""", older.Body);
        Assert.Equal("new@example.com", (await receiver.QueryAsync($"SELECT email FROM {receiver.Customers} WHERE id = 'cus_1'"))[0][0]);
        Assert.Equal("stale", (await receiver.QueryAsync($"SELECT outcome FROM {receiver.Events} WHERE event_id = 'evt_1'"))[0][0]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrent_snapshots_of_one_object_leave_the_newest(string kind)
    {
        var receiver = await StartAsync(kind);
        var start = Now - 1000;
        var order = Enumerable.Range(0, 40).OrderBy(i => (i * 17) % 40).ToList();

        var statuses = await Task.WhenAll(order.Select(i =>
            SendAsync(receiver, StripeEvents.Customer($"evt_{i}", "customer.updated", start + i, "cus_1", $"v{i}@example.com"))));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal("v39@example.com", (await receiver.QueryAsync($"SELECT email FROM {receiver.Customers} WHERE id = 'cus_1'"))[0][0]);
        Assert.Equal(40L, Convert.ToInt64((await receiver.QueryAsync($"SELECT count(*) FROM {receiver.Events}"))[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Customer_deleted_soft_deletes_the_row_and_deleting_an_unknown_id_is_a_no_op(string kind)
    {
        var receiver = await StartAsync(kind);
        await SendAsync(receiver, StripeEvents.Customer("evt_1", "customer.created", Now - 10, "cus_1", "ada@example.com"));

        var deleted = await SendAsync(receiver, StripeEvents.Customer("evt_2", "customer.deleted", Now, "cus_1", "ada@example.com"));
        var unknown = await SendAsync(receiver, StripeEvents.Customer("evt_3", "customer.deleted", Now, "cus_never", "x@example.com"));

        Assert.Equal("""{"status":"deleted"}""", deleted.Body);
        Assert.Equal("""{"status":"unchanged"}""", unknown.Body);
        var rows = await receiver.QueryAsync($"SELECT id, _gh_deleted_at IS NOT NULL FROM {receiver.Customers} ORDER BY id");
        Assert.Single(rows);
        Assert.True(Convert.ToBoolean(rows[0][1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Event_of_a_type_no_stream_lists_is_stored_only(string kind)
    {
        var receiver = await StartAsync(kind);

        var (status, body) = await SendAsync(receiver, Encoding.UTF8.GetBytes("""{"id":"evt_x","object":"event","type":"balance.available","created":""" + Now + ""","data":{"object":{"object":"balance"}}}"""));

        Assert.Equal((HttpStatusCode.OK, """{"status":"stored"}"""), (status, body));
        Assert.Equal(["balance.available", null, "stored"], (await receiver.QueryAsync($"SELECT type, stream, outcome FROM {receiver.Events}")).Single());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Bad_missing_stale_or_wrongly_keyed_signatures_are_refused_and_logged_without_secrets(string kind)
    {
        var receiver = await StartAsync(kind);
        var body = StripeEvents.Customer("evt_1", "customer.created", Now, "cus_1", "ada@example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(receiver, body, WebhookTamper.BadSignature)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(receiver, body, WebhookTamper.WrongSecret)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(receiver, body, WebhookTamper.MissingSignature)).Status);
        var stale = await SendAsync(receiver, body, WebhookTamper.StaleTimestamp);
        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        Assert.Contains("timestamp", stale.Body, StringComparison.Ordinal);

        Assert.Empty(await receiver.QueryAsync($"SELECT * FROM {receiver.Events}"));
        var warnings = receiver.Host.Logs.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("stripe", w, StringComparison.Ordinal));
        Assert.All(receiver.Host.Logs, l =>
        {
            Assert.DoesNotContain(WebhookHost.Secret, l, StringComparison.Ordinal);
            Assert.DoesNotContain("v1=", l, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Body_over_the_limit_is_413_whether_declared_or_streamed(string kind)
    {
        var receiver = await StartAsync(kind, maxBytes: 4096);
        var big = StripeEvents.Customer("evt_big", "customer.created", Now, "cus_1", "ada@example.com", name: new string('x', 5000));

        var declared = await SendAsync(receiver, big);

        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ChunkedContent(big) };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", WebhookSender.StripeSignature(WebhookHost.Secret, Now, big));
        using var streamed = await receiver.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Empty(await receiver.QueryAsync($"SELECT * FROM {receiver.Events}"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Unknown_source_and_source_without_a_secret_are_404(string kind)
    {
        var receiver = await StartAsync(kind);
        var body = StripeEvents.Customer("evt_1", "customer.created", Now, "cus_1", "ada@example.com");

        using var unknown = await receiver.Sender.SendStripeAsync(receiver.Host.Url("nope"), body);
        using var quiet = await receiver.Sender.SendStripeAsync(receiver.Host.Url("quiet"), body);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, quiet.StatusCode);
        Assert.Contains("webhook_secret", await quiet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_postgresql_answers_503_with_retry_after_and_logs_no_secret()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var receiver = await StartAsync("postgresql", $"Host=127.0.0.1;Port={port};Username=postgres;Password=pw_not_logged;Database=none;Timeout=2");

        using var response = await receiver.Sender.SendStripeAsync(receiver.Url, StripeEvents.Customer("evt_1", "customer.created", Now, "cus_1", "a@example.com"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Contains(receiver.Host.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("retry", StringComparison.Ordinal));
        Assert.All(receiver.Host.Logs, l =>
        {
            Assert.DoesNotContain(WebhookHost.Secret, l, StringComparison.Ordinal);
            Assert.DoesNotContain("pw_not_logged", l, StringComparison.Ordinal);
        });
    }

    /// <summary>A body sent chunked, without Content-Length, so only reading it can find it too large.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 1024)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(1024, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
