using Greenhouse.Sources;
using Greenhouse.Status;
using Greenhouse.Webhooks;

namespace Greenhouse.Config;

/// <summary>
/// One configured source (the plan): its type, where its API is, how far back incremental runs reach,
/// and its connector-specific settings (credentials among them).
/// </summary>
public sealed record SourceConfig(
    string Name,
    string Type,
    Uri? BaseUrl,
    TimeSpan Lookback,
    TimeSpan Reconcile,
    bool CompleteDaysOnly,
    string? Schedule,
    IReadOnlyList<string>? Streams,
    double? RequestsPerSecond,
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, Credential> Credentials)
{
    /// <summary>The IANA or Windows time zone <see cref="Schedule"/> is read in; UTC when null.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The secret the vendor signs webhooks with (<c>webhook_secret: ${…}</c>); webhooks are refused without one.</summary>
    public Credential? WebhookSecret { get; init; }

    /// <summary>How webhooks are signed: the connector's own scheme, or a generic HMAC from config.</summary>
    public WebhookSignatureConfig? WebhookSignature { get; init; }

    /// <summary>
    /// How many objects the webhook receiver may read from the vendor's API a minute to settle two snapshots of one
    /// instant (<c>webhook_refetch_per_minute:</c>; a connector that can, Stripe); 0 never reads.
    /// </summary>
    public int WebhookRefetchPerMinute { get; init; } = WebhookRefetchBudget.DefaultPerMinute;

    /// <summary>When its streams count as late (<c>max_staleness:</c> or <c>freshness:</c>); a stream may set its own.</summary>
    public FreshnessPolicy Freshness { get; init; } = FreshnessPolicy.None;

    /// <summary>What an <see cref="IDeclarativeConnector"/> read from this source's section (a REST source's endpoints, paging and columns); null for other connectors.</summary>
    public object? ConnectorOptions { get; init; }

    /// <summary>
    /// The credentials a sync sends to the vendor (the connector's secrets, a declarative connector's auth; not the
    /// webhook secret); by default <see cref="Credentials"/>.
    /// </summary>
    public IReadOnlyList<Credential> VendorCredentials
    {
        get => _vendorCredentials ?? [.. Credentials.Values];
        init => _vendorCredentials = value;
    }

    private readonly IReadOnlyList<Credential>? _vendorCredentials;

    /// <summary>Reads <see cref="VendorCredentials"/> now: a run that talks to the vendor fails before it starts when one is not set.</summary>
    public void ResolveCredentials()
    {
        foreach (var credential in VendorCredentials)
        {
            credential.Resolve();
        }
    }

    /// <summary>Per-stream overrides, by stream name.</summary>
    public IReadOnlyDictionary<string, StreamSettings> StreamSettings { get; init; } = new Dictionary<string, StreamSettings>();

    /// <summary>The stream's own freshness, else the source's.</summary>
    public FreshnessPolicy FreshnessOf(string stream) =>
        StreamSettings.TryGetValue(stream, out var settings) && settings.Freshness is { } own ? own : Freshness;

    public string? ScheduleOf(string stream) =>
        StreamSettings.TryGetValue(stream, out var settings) && settings.Schedule is { } own ? own : Schedule;

    public Credential RequireCredential(string key) =>
        Credentials.TryGetValue(key, out var credential)
            ? credential
            : throw new ConfigException($"sources.{Name}.{key}: required for a source of type '{Type}'.");

    public string? Setting(string key) => Settings.TryGetValue(key, out var value) ? value : null;
}
