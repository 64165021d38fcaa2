using System.Net;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Webhooks;

/// <summary>
/// One vendor's whole webhook path next to its sync: the sandbox (its clock an hour behind real time, so every
/// change the fake stamps is older than what a sync run now serves), a fresh warehouse, a greenhouse.yml with one
/// source of <see cref="Vendor"/> pointing at the fake with a <c>webhook_secret</c>, the receiver on 127.0.0.1 and a
/// sender with that secret.
/// </summary>
internal sealed class VendorWebhookHarness : IAsyncDisposable
{
    private static readonly Dictionary<string, (string Setting, string Variable, string Key, string Extra)> Vendors = new()
    {
        ["github"] = ("token", "GH_TEST_GITHUB_TOKEN", "ghp_webhookHarness0123456789", "organizations: acme"),
        ["linear"] = ("api_key", "GH_TEST_LINEAR_KEY", "lin_api_webhook_harness_0123", ""),
        ["plain"] = ("api_key", "GH_TEST_PLAIN_KEY", "plainApiKey_webhook_harness", ""),
        ["stripe"] = ("api_key", "GH_TEST_STRIPE_KEY", "sk_test_webhookHarness0123456789", ""),
    };

    private readonly string _directory;
    private WebhookHost? _host;
    private string? _key;

    private VendorWebhookHarness(string vendor, SandboxServer sandbox, ManualClock clock, TestWarehouse warehouse, string directory)
    {
        Vendor = vendor;
        Sandbox = sandbox;
        Clock = clock;
        Warehouse = warehouse;
        _directory = directory;
    }

    public string Vendor { get; }

    public SandboxServer Sandbox { get; }

    /// <summary>The sandbox's clock: advance it between two changes of one object so their update times differ.</summary>
    public ManualClock Clock { get; }

    public TestWarehouse Warehouse { get; }

    public WebhookHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public WebhookSender Sender => new(Host.Http, WebhookHost.Secret);

    private string ConfigPath => Path.Combine(_directory, "greenhouse.yml");

    private Dictionary<string, string> Environment => new() { [Vendors[Vendor].Variable] = Key };

    /// <summary>The vendor credential the source's variable holds.</summary>
    public string Key => _key ?? Vendors[Vendor].Key;

    /// <summary>The name of the variable that holds <see cref="Key"/>.</summary>
    public string KeyVariable => Vendors[Vendor].Variable;

    /// <summary>
    /// Starts it all; <paramref name="source"/> replaces the source's extra lines (GitHub's default: <c>organizations: acme</c>),
    /// <paramref name="key"/> the vendor credential.
    /// </summary>
    public static async Task<VendorWebhookHarness> StartAsync(string vendor, string kind, string? source = null, string? key = null)
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()));
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(Clock: clock, EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(kind);
        var directory = Directory.CreateTempSubdirectory($"gh-{vendor}-webhooks-").FullName;
        var harness = new VendorWebhookHarness(vendor, sandbox, clock, warehouse, directory) { _key = key };
        var (setting, variable, _, extra) = Vendors[vendor];
        var lines = string.Join("", (source ?? extra).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"    {l.Trim()}\n"));
        File.WriteAllText(harness.ConfigPath, $$"""
            warehouse: "{{warehouse.Spec}}"
            schema: {{warehouse.RawSchema}}
            sources:
              {{vendor}}:
                type: {{vendor}}
                {{setting}}: ${{{variable}}}
                base_url: {{sandbox.VendorUrls[vendor]}}
                requests_per_second: 1000
                retry_base_delay: 10ms
                webhook_secret: ${{{WebhookHost.SecretVariable}}}
            {{lines}}
            """);
        harness._host = await WebhookHost.StartAsync(WebhookHost.LoadConfig(harness.ConfigPath, harness.Environment), warehouse.Open(), TimeProvider.System);
        return harness;
    }

    /// <summary>Sends <paramref name="webhook"/> and returns the receiver's status (<c>applied</c>, <c>duplicate</c>, …); fails on a non-200.</summary>
    public async Task<string> SendAsync(SandboxWebhook webhook, int attempt = 1)
    {
        using var response = await Sender.SendAsync(Host.Url(Vendor), webhook, attempt: attempt);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{webhook.Type} {webhook.Id}: HTTP {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>Sends a Stripe event body and returns the receiver's status (<c>applied</c>, <c>stale</c>, …); fails on a non-200.</summary>
    public async Task<string> SendStripeAsync(byte[] body)
    {
        using var response = await Sender.SendStripeAsync(Host.Url(Vendor), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>
    /// The id of the fake Stripe account's newest event of <paramref name="type"/> about object <paramref name="objectId"/>,
    /// other than those in <paramref name="except"/> (events of one second are listed in no particular order).
    /// </summary>
    public string NewestStripeEvent(string type, string objectId, params string[] except)
    {
        var data = Sandbox.Stripe.Data;
        return data.Ids("events").First(id => !except.Contains(id)
            && data.Get("events", id) is var e && (string?)e["type"] == type && (string?)e["data"]!["object"]!["id"] == objectId);
    }

    /// <summary>Sends the fake Stripe account's event <paramref name="eventId"/> as Stripe would; returns the receiver's status.</summary>
    public Task<string> SendStripeEventAsync(string eventId) => SendStripeAsync(Sandbox.Stripe.Data.Event(eventId));

    /// <summary>Sends <paramref name="webhook"/> spoiled as <paramref name="tamper"/> says; returns the HTTP status.</summary>
    public async Task<HttpStatusCode> SendTamperedAsync(SandboxWebhook webhook, WebhookTamper tamper)
    {
        using var response = await Sender.SendAsync(Host.Url(Vendor), webhook, tamper);
        return response.StatusCode;
    }

    public async Task<RunSummary> SyncAsync(SyncRequest? request = null, ISyncObserver? observer = null)
    {
        var config = WebhookHost.LoadConfig(ConfigPath, Environment);
        await using var warehouse = WarehouseFactory.Open(config);
        return await new SyncService(config, warehouse).RunAsync(request ?? new SyncRequest(Trigger: "test"), observer);
    }

    /// <summary>A sync whose warnings (stream, message) are returned with its summary.</summary>
    public async Task<(RunSummary Summary, IReadOnlyList<(string Stream, string Message)> Warnings)> SyncWithWarningsAsync(SyncRequest? request = null)
    {
        var observer = new WarningRecorder();
        var summary = await SyncAsync(request, observer);
        return (summary, [.. observer.Warnings]);
    }

    /// <summary>
    /// Sets the sandbox clock to real time's second plus <paramref name="seconds"/>: with 1, what the fake changes next is
    /// newer than anything a sync has served so far; with 0, it is not newer but still inside the next sync's window.
    /// </summary>
    public void SetClockToRealTime(int seconds = 1) =>
        Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds));


    public async Task<QueryResult> QueryAsync(string sql)
    {
        await using var warehouse = Warehouse.Open();
        return await warehouse.QueryAsync(sql);
    }

    public string Table(string stream) => Warehouse.TableSql(new StreamDescriptor(Vendor, BuiltInConnectors.Create()[Vendor].Catalog.Single(d => d.Name == stream)));

    public string Events => Warehouse.Kind == "sqlite" ? "_gh_events" : $"\"{Warehouse.RawSchema}\"._gh_events";

    /// <summary>The stream's typed columns (by name) of row <paramref name="id"/>, plus its hash and whether it is deleted; null when absent.</summary>
    public async Task<Dictionary<string, object?>?> RowAsync(string stream, string id)
    {
        var columns = BuiltInConnectors.Create()[Vendor].Catalog.Single(d => d.Name == stream).Columns.Select(c => c.Name).ToList();
        var select = string.Join(", ", columns.Select(c => $"\"{c}\"")) + ", _gh_hash, _gh_deleted_at IS NOT NULL";
        var result = await QueryAsync($"SELECT {select} FROM {Table(stream)} WHERE id = '{id}'");
        if (result.Rows.Count == 0)
        {
            return null;
        }

        var row = result.Rows.Single();
        var values = columns.Select((c, i) => (c, row[i])).ToDictionary(p => p.c, p => p.Item2);
        values["_gh_hash"] = row[columns.Count];
        values["_deleted"] = Convert.ToBoolean(row[columns.Count + 1], System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>The outcome <c>_gh_events</c> recorded for event <paramref name="eventId"/>; null when it was not stored.</summary>
    public async Task<string?> OutcomeAsync(string eventId)
    {
        var result = await QueryAsync($"SELECT outcome FROM {Events} WHERE source = '{Vendor}' AND event_id = '{eventId}'");
        return result.Rows.Count == 0 ? null : (string?)result.Rows[0][0];
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
        await Warehouse.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }
}
