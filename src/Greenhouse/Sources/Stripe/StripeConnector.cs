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

    /// <summary>Stripe allows 25 requests/s in test mode (100 live); stay at the lower one unless configured.</summary>
    public double DefaultRequestsPerSecond => 25;

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
}
