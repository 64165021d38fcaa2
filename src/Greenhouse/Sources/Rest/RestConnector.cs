using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// A declarative source (<c>type: rest</c>): any JSON list API described in greenhouse.yml — its base URL, credential,
/// and per stream the endpoint, where the records are, how it pages and which typed columns to extract.
/// It has no catalog of its own: its streams are the ones its config defines.
/// </summary>
public sealed class RestConnector : IDeclarativeConnector
{
    public const string TypeName = "rest";

    public string Type => TypeName;

    /// <summary>Never used: a rest source must name its <c>base_url</c>.</summary>
    public Uri DefaultBaseUrl { get; } = new("http://localhost/");

    /// <summary>An unknown API's rate: stay gentle unless the source sets <c>requests_per_second</c>.</summary>
    public double DefaultRequestsPerSecond => 5;

    public IReadOnlyList<ConnectorSetting> Settings { get; } = [];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [];

    /// <summary>The streams written in the source's config; what each holds is the user's to say.</summary>
    public IReadOnlyList<StreamSpec> StreamsFor(SourceConfig config) =>
        config.ConnectorOptions is RestSourceConfig rest
            ? [.. rest.Streams.Select(s => new StreamSpec(s.Name, s.PrimaryKey, s.Columns, s.Incremental?.CursorField, Description: null))]
            : [];

    public DeclaredStreams ReadStreams(ConfigSection source) => RestConfigReader.Read(source);

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var rest = config.ConnectorOptions as RestSourceConfig ?? throw new ConfigException($"sources.{config.Name}.streams: a rest source defines its streams in greenhouse.yml.");
        var api = new RestApi(config.Name, http, rest.Auth);
        return [.. rest.Streams.Select(s => (ISourceStream)new RestStream(config.Name, s, api))];
    }
}
