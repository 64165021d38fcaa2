using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Stripe.Streams;

namespace Greenhouse.Sources.Stripe;

/// <summary>Stripe: billing objects from the list API, with updates and deletions from the events API.</summary>
public sealed class StripeConnector : IConnector
{
    private static readonly StripeStreamDefinition[] Definitions =
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

    /// <summary>Each event type's stream: the one whose definition lists it (its <c>data.object</c> is that kind of object).</summary>
    private static readonly Dictionary<string, StripeStreamDefinition> ByEventType = Definitions
        .SelectMany(d => d.EventTypes.Select(type => (type, d)))
        .DistinctBy(p => p.type)
        .ToDictionary(p => p.type, p => p.d, StringComparer.Ordinal);

    public string Type => "stripe";

    public Uri DefaultBaseUrl { get; } = new("https://api.stripe.com");

    /// <summary>Stripe allows 25 requests/s in test mode (100 live); stay at the lower one unless configured.</summary>
    public double DefaultRequestsPerSecond => 25;

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("api_key", Required: true, Secret: true, Description: "a secret (sk_…) or restricted (rk_…) key with read access"),
        new("stripe_version", Description: $"the API version to pin; default {StripeApi.PinnedVersion}"),
    ];

    public IReadOnlyList<StreamDescriptor> Catalog { get; } = [.. Definitions.Select(d => d.Descriptor("stripe"))];

    /// <summary>The stream of source <paramref name="source"/> that an event of <paramref name="eventType"/> updates; null for other types.</summary>
    internal static StreamDescriptor? StreamForEvent(string source, string eventType) =>
        ByEventType.TryGetValue(eventType, out var definition) ? definition.Descriptor(source) : null;

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var api = new StripeApi(http, config.RequireCredential("api_key"), config.Setting("stripe_version") ?? StripeApi.PinnedVersion);
        return [.. Definitions.Select(d => (ISourceStream)new StripeStream(config.Name, d, api))];
    }
}
