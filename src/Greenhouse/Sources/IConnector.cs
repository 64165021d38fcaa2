using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources;

/// <summary>
/// What a vendor's connector offers (its catalog and settings), apart from what a user enabled
/// (the <see cref="SourceConfig"/>).
/// </summary>
public interface IConnector
{
    /// <summary>The <c>type:</c> value in greenhouse.yml.</summary>
    string Type { get; }

    Uri DefaultBaseUrl { get; }

    /// <summary>The vendor's documented request rate for one credential; the client never exceeds it.</summary>
    double DefaultRequestsPerSecond { get; }

    IReadOnlyList<ConnectorSetting> Settings { get; }

    IReadOnlyList<StreamDescriptor> Catalog { get; }

    /// <summary>The streams a configured source offers: the catalog, unless the source defines its own (a declarative source).</summary>
    IReadOnlyList<StreamDescriptor> StreamsFor(SourceConfig config) => Catalog;

    /// <summary>The vendor's own ways of saying "slow down", if it has any beyond 429 and <c>Retry-After</c>.</summary>
    IThrottlePolicy? Throttle => null;

    /// <summary>The streams of a configured source, all sharing one HTTP client and rate limiter.</summary>
    IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http);
}
