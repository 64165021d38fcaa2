using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Ecb;

/// <summary>
/// The European Central Bank's euro foreign-exchange reference rates: no account, no credential, three XML files
/// (daily, last 90 days, full history since 1999-01-04), published around 16:00 CET on TARGET working days.
/// Source: https://www.ecb.europa.eu/stats/eurofxref/ and the feed's structure as documented in vendor-apis.md §7.
/// </summary>
public sealed class EcbConnector : IConnector
{
    public string Type => "ecb";

    public Uri DefaultBaseUrl { get; } = new("https://www.ecb.europa.eu/stats/eurofxref");

    /// <summary>A run fetches one or two files; be gentle with a public service.</summary>
    public double DefaultRequestsPerSecond => 1;

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("history_csv", Description: "optional: ECB's eurofxref-hist.zip (or its CSV); a full refresh takes the days before the 90-day file from it"),
    ];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [EcbRatesStream.Spec];

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http) =>
        [new EcbRatesStream(config.Name, new EcbFeed(http), config.Setting("history_csv"))];
}
