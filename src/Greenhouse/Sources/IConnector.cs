using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources;

/// <summary>
/// What a vendor's connector offers (its catalog and settings), apart from what a user enabled
/// (the <see cref="SourceConfig"/>). Optional capabilities are interfaces of their own (<see cref="IWebhookConnector"/>).
/// </summary>
public interface IConnector
{
    /// <summary>The <c>type:</c> value in greenhouse.yml.</summary>
    string Type { get; }

    Uri DefaultBaseUrl { get; }

    /// <summary>
    /// The vendor's documented request rate for one credential; the client never exceeds it. A vendor whose limit depends
    /// on the credential says so in <see cref="RequestsPerSecondFor"/>.
    /// </summary>
    double DefaultRequestsPerSecond { get; }

    /// <summary>
    /// The rate the vendor allows <paramref name="source"/>'s credential across all its endpoints (Stripe: a live-mode
    /// key four times a test-mode one's); by default <see cref="DefaultRequestsPerSecond"/>. A configured
    /// <c>requests_per_second</c> replaces it.
    /// </summary>
    double RequestsPerSecondFor(SourceConfig source) => DefaultRequestsPerSecond;

    /// <summary>
    /// The rate the vendor allows <paramref name="source"/>'s credential on each endpoint, below the overall one; null when
    /// it counts requests only overall. A request names its endpoint to the client
    /// (<see cref="VendorHttpClient.GetAsync(string, string, Action{HttpRequestMessage}?, CancellationToken)"/>).
    /// </summary>
    double? EndpointRequestsPerSecondFor(SourceConfig source) => null;

    IReadOnlyList<ConnectorSetting> Settings { get; }

    /// <summary>The streams this connector always offers; empty when they depend on the config (see <see cref="StreamsFor"/>).</summary>
    IReadOnlyList<StreamSpec> Catalog { get; }

    /// <summary>
    /// The streams a configured source offers: the <see cref="Catalog"/>, unless the streams come from the config
    /// (a CSV source has one per file in its folder; a declarative REST source's are written in greenhouse.yml). Names and keys are exact; a dynamic connector may discover
    /// the typed columns only in <see cref="CreateStreams"/>. <see cref="Sync.SyncPlan"/> asks this; every caller that lists a source's streams reads the plan.
    /// </summary>
    IReadOnlyList<StreamSpec> StreamsFor(SourceConfig config) => Catalog;

    /// <summary>
    /// How many requests may go at once before pacing at <see cref="DefaultRequestsPerSecond"/>. Vendors that count an
    /// hourly or per-minute quota (Linear, GitHub, Plain) allow bursts; a per-second limit (Stripe) does not.
    /// </summary>
    int RequestBurst => 1;

    /// <summary>The vendor's own ways of saying "slow down", if it has any beyond 429 and <c>Retry-After</c>.</summary>
    IThrottlePolicy? Throttle => null;

    /// <summary>The streams of a configured source, all sharing one HTTP client and rate limiter.</summary>
    IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http);
}
