using System.Collections.Concurrent;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Stripe.Streams;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Stripe;

/// <summary>Stripe: billing objects from the list API, with updates and deletions from the events API.</summary>
public sealed class StripeConnector : IRefetchConnector
{
    /// <summary>Stripe's limit per account in live mode, 100 requests/s.</summary>
    private const double LiveRequestsPerSecond = 100;

    /// <summary>
    /// Stripe's default limit per endpoint, 25 requests/s: each named operation (listing customers, retrieving a
    /// customer, listing events) is an endpoint of its own, whatever the id retrieved.
    /// </summary>
    private const double EndpointRequestsPerSecond = 25;

    private static readonly StripeSignatureVerifier SignatureVerifier = new();

    internal static readonly StripeStreamDefinition[] Definitions =
    [
        CustomersStream.Definition,
        ProductsStream.Definition,
        PricesStream.Definition,
        CouponsStream.Definition,
        SubscriptionsStream.Definition,
        InvoicesStream.Definition,
        ChargesStream.Definition,
        RefundsStream.Definition,
    ];

    /// <summary>Per source, the API versions webhook events came in: each other version than the pinned one warns once per process.</summary>
    private readonly ConcurrentDictionary<string, StripeVersionCheck> _webhookVersions = new(StringComparer.Ordinal);

    public string Type => "stripe";

    public Uri DefaultBaseUrl { get; } = new("https://api.stripe.com");

    /// <summary>Stripe's limit per account in test mode, 25 requests/s: the rate of a test-mode key (see <see cref="RequestsPerSecondFor"/>).</summary>
    public double DefaultRequestsPerSecond => 25;

    /// <summary>
    /// A live-mode key (<c>sk_live_…</c>, <c>rk_live_…</c>) goes at Stripe's live limit, 100 requests/s shared by every
    /// source of the key; a test-mode key at 25 (Stripe's test-mode limit, so its endpoints' limit is never reached).
    /// </summary>
    public double RequestsPerSecondFor(SourceConfig source) => IsLiveMode(source) ? LiveRequestsPerSecond : DefaultRequestsPerSecond;

    /// <summary>
    /// A live-mode key also keeps each endpoint at Stripe's 25 requests/s, so eight streams listing eight endpoints
    /// share the 100 without any one of them going over 25; a test-mode key's 25 overall already does.
    /// </summary>
    public double? EndpointRequestsPerSecondFor(SourceConfig source) => IsLiveMode(source) ? EndpointRequestsPerSecond : null;

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("api_key", Required: true, Secret: true, Description: "a secret (sk_…) or restricted (rk_…) key with read access"),
        new("stripe_version", Description: $"the API version to pin; default {StripeApi.PinnedVersion}"),
    ];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [.. Definitions.Select(d => d.Spec)];

    IWebhookVerifier IWebhookConnector.Verifier => SignatureVerifier;

    WebhookRecord? IWebhookConnector.Read(SourceConfig source, WebhookIdentity identity, JsonElement body, DateTimeOffset received) =>
        StripeWebhookEvents.Read(identity, body, _webhookVersions.GetOrAdd(source.Name, _ => new StripeVersionCheck(PinnedVersion(source), webhook: true)));

    async Task<SourceRecord?> IRefetchConnector.RefetchAsync(
        SourceConfig source, VendorHttpClient http, string stream, string id, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var definition = Definitions.Single(d => d.Name == stream);
        var api = new StripeApi(http, source.RequireCredential("api_key"), PinnedVersion(source));
        if (await api.RetrieveAsync(source.Name + "." + stream, definition.Path, id, cancellationToken) is not { } found)
        {
            return null;
        }

        var (snapshot, servedAt) = found;

        // Served after the snapshots it settles: in their second or later, whatever the clocks say.
        return definition.Record(snapshot, servedAt > notBefore ? servedAt : notBefore);
    }

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var version = PinnedVersion(config);
        var api = new StripeApi(http, config.RequireCredential("api_key"), version);
        var versions = new StripeVersionCheck(version, webhook: false); // one per run of the source: each other version warns once
        return [.. Definitions.Select(d => (ISourceStream)new StripeStream(config.Name, d, api, versions))];
    }

    private static string PinnedVersion(SourceConfig config) => config.Setting("stripe_version") ?? StripeApi.PinnedVersion;

    /// <summary>Whether the source's key is a live-mode secret (<c>sk_live_…</c>) or restricted (<c>rk_live_…</c>) key; test-mode keys say <c>_test_</c>.</summary>
    private static bool IsLiveMode(SourceConfig source) =>
        source.RequireCredential("api_key").Value is var key
        && (key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal));
}
