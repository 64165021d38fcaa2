using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sandbox;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Status;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Notifications;

/// <summary>A sandbox (fake Slack, Telegram and webhook sink), a fresh warehouse, a manual clock and a log sink.</summary>
internal sealed class NotificationHarness : IAsyncDisposable
{
    public const string SlackSecret = "SlackHookSecret0123456789";
    public const string BotToken = "424242:TelegramBotSecretToken0123456789";
    public const string ChatId = "-1001234";
    public const string StripeKeyVariable = "STRIPE_API_KEY";

    public static readonly NotificationOptions FastRetries = new()
    {
        MaxAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private readonly List<NotificationService> _services = [];

    private NotificationHarness(SandboxServer sandbox, TestWarehouse warehouse, IWarehouse store)
    {
        Sandbox = sandbox;
        Warehouse = warehouse;
        Store = store;
    }

    public SandboxServer Sandbox { get; }

    public TestWarehouse Warehouse { get; }

    public IWarehouse Store { get; }

    public ManualClock Clock { get; } = new();

    public ListLogger<NotificationService> Log { get; } = new();

    public Uri SlackUrl => new($"{Sandbox.VendorUrls["slack"]}/services/T0001/B0001/{SlackSecret}");

    public static async Task<NotificationHarness> StartAsync(string kind = "sqlite")
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(Size: SandboxSize.Small, EnforceRateLimits: false));
        var warehouse = await TestWarehouse.CreateAsync(kind);
        return new NotificationHarness(sandbox, warehouse, await warehouse.OpenMigratedAsync());
    }

    public NotificationChannelConfig Slack(string name, params NotificationLevel[] levels) =>
        new(name, "slack", levels.ToHashSet(), new Credential(SlackUrl.AbsoluteUri, $"notifications.{name}.url", "SLACK_WEBHOOK_URL"), null, null, null);

    public NotificationChannelConfig Telegram(string name, params NotificationLevel[] levels) =>
        new(name, "telegram", levels.ToHashSet(), null, new Credential(BotToken, $"notifications.{name}.bot_token", "TELEGRAM_BOT_TOKEN"), ChatId, Sandbox.VendorUrls["telegram"]);

    public NotificationChannelConfig Webhook(string name, params NotificationLevel[] levels) =>
        new(name, "webhook", levels.ToHashSet(), new Credential($"{Sandbox.VendorUrls["hooks"]}/greenhouse/{name}", $"notifications.{name}.url", null), null, null, null);

    public static GreenhouseConfig Config(IEnumerable<NotificationChannelConfig> channels, TimeSpan? maxStaleness = null, TimeSpan? remindEvery = null)
    {
        var stripe = new SourceConfig(
            "stripe", "stripe", null, TimeSpan.FromHours(1), TimeSpan.FromDays(7), false, null, ["customers", "charges"], null, 3, TimeSpan.FromMilliseconds(10),
            new Dictionary<string, string>(),
            new Dictionary<string, Credential> { ["api_key"] = new("sk_test_notifications_key", "sources.stripe.api_key", StripeKeyVariable) })
        {
            Freshness = new FreshnessPolicy(maxStaleness, null, "greenhouse.yml sources.stripe.max_staleness"),
        };
        return new GreenhouseConfig("/tmp/greenhouse.yml", WarehouseSetting.Parse("sqlite:/tmp/unused.db"), "raw", WhenRunning.Fail, [stripe])
        {
            Connectors = BuiltInConnectors.Create(),
            Notifications = [.. channels],
            RemindEvery = remindEvery ?? TimeSpan.FromHours(6),
        };
    }

    public NotificationService Service(params NotificationChannelConfig[] channels) => Service(Config(channels));

    public NotificationService Service(GreenhouseConfig config, NotificationOptions? options = null)
    {
        var service = new NotificationService(config, Store, Clock, Log, options ?? FastRetries);
        _services.Add(service);
        return service;
    }

    public static StreamRunResult Failed(string stream, string? error = null) => new(
        stream, RunStatus.Failed, SyncMode.Incremental, false, new BatchCounts(120, 3, 7, 0), 0, 2, 130, TimeSpan.FromSeconds(4.2),
        error ?? $"stripe: Stripe rejected the API key in sources.stripe.api_key (${{{StripeKeyVariable}}}) (HTTP 401 invalid_request_error: Invalid API Key provided: sk_test_****_key). Set it to a valid secret key (sk_live_… or sk_test_…).");

    public static StreamRunResult Succeeded(string stream, int warnings = 0) => new(
        stream, RunStatus.Succeeded, SyncMode.Incremental, false, new BatchCounts(12, 4, 300, 1), warnings, 3, 317, TimeSpan.FromSeconds(2.5), null);

    public static RunSummary Run(long runId, params StreamRunResult[] streams)
    {
        var status = streams.All(s => s.Status == RunStatus.Succeeded) ? RunStatus.Succeeded
            : streams.All(s => s.Status == RunStatus.Failed) ? RunStatus.Failed
            : RunStatus.Partial;
        return new RunSummary(runId, status, streams, TimeSpan.FromSeconds(7));
    }

    /// <summary>Stores a finished stream run at the clock's current time, as a real sync would.</summary>
    public async Task RecordRunAsync(string stream, RunStatus status)
    {
        var now = Clock.GetUtcNow();
        var runId = await Store.BeginRunAsync("test", now);
        await Store.BeginStreamRunAsync(runId, stream, SyncMode.Incremental, now);
        await Store.FinishStreamRunAsync(runId, stream, status, status == RunStatus.Failed ? "boom" : null, now);
        await Store.FinishRunAsync(runId, status, now);
    }

    public async ValueTask DisposeAsync()
    {
        _services.ForEach(s => s.Dispose());
        await Warehouse.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
