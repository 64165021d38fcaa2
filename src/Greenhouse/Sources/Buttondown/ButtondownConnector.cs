using Greenhouse.Config;
using Greenhouse.Sources.Buttondown.Streams;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Buttondown;

/// <summary>
/// Buttondown: a newsletter's subscribers and emails from its REST API.
/// Sources: buttondown/docs <c>pages/api-reference/{authentication,pagination,subscribers/index,emails/index}.mdx</c>
/// (<c>Authorization: Token …</c>; <c>{"count","next","previous","results"}</c> pages, following <c>next</c> until null),
/// and the current OpenAPI at https://api.buttondown.com/v1/openapi.json as summarised by api-evangelist/buttondown
/// and tap-buttondown 0.2.0 (host <c>api.buttondown.com</c>; subscriber fields <c>email_address</c>, <c>type</c>).
/// </summary>
public sealed class ButtondownConnector : IConnector
{
    private static readonly ButtondownStreamDefinition[] Definitions =
    [
        SubscribersStream.Definition,
        EmailsStream.Definition,
    ];

    public string Type => "buttondown";

    /// <summary>The API's current host; <c>https://api.buttondown.email/v1</c> is the older name of the same API.</summary>
    public Uri DefaultBaseUrl { get; } = new("https://api.buttondown.com/v1");

    /// <summary>
    /// Buttondown allows 600 requests a minute (docs.buttondown.com/api-rate-limits): the burst plus a minute's pace stay
    /// within it. A 429 is retried after its Retry-After.
    /// </summary>
    public double DefaultRequestsPerSecond => (600.0 - RequestBurst) / 60;

    /// <summary>The quota is per minute, so a few seconds' worth may go at once.</summary>
    public int RequestBurst => 20;

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("api_key", Required: true, Secret: true, Description: "an API key (Settings → API) with read access to subscribers and emails"),
    ];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [.. Definitions.Select(d => d.Spec)];

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var api = new ButtondownApi(http, config.RequireCredential("api_key"));
        return [.. Definitions.Select(d => (ISourceStream)new ButtondownStream(config.Name, d, api))];
    }
}
