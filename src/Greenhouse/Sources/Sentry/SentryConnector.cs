using Greenhouse.Config;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Sentry.Streams;

namespace Greenhouse.Sources.Sentry;

/// <summary>Sentry: an organization's projects, releases and issues from the web API (<c>/api/0/organizations/{org}/…</c>).</summary>
public sealed class SentryConnector : IConnector
{
    private static readonly SentryStreamDefinition[] Definitions =
    [
        ProjectsStream.Definition,
        ReleasesStream.Definition,
        IssuesStream.Definition,
    ];

    public string Type => "sentry";

    public Uri DefaultBaseUrl { get; } = new("https://sentry.io");

    /// <summary>Sentry limits per caller and endpoint (issues: 40 requests/s at the time of writing); stay well below it.</summary>
    public double DefaultRequestsPerSecond => 10;

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("token", Required: true, Secret: true, Description: "an internal-integration or user auth token with org:read, project:read and event:read"),
        new("organization", Required: true, Description: "the organization slug (acme in acme.sentry.io)"),
        new("retention_days", Description: $"how far back a full refresh of issues reaches; default {SentryApi.DefaultRetentionDays} (Sentry's event retention)"),
    ];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [.. Definitions.Select(d => d.Spec)];

    /// <summary>Sentry's 429 may come without <c>Retry-After</c>; its <c>X-Sentry-Rate-Limit-Reset</c> says when the window reopens.</summary>
    public IThrottlePolicy? Throttle { get; } = new SentryThrottlePolicy();

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var organization = config.Setting("organization")
            ?? throw new ConfigException($"sources.{config.Name}.organization: required for a source of type 'sentry' (the organization slug).");
        var retention = config.Setting("retention_days") is { } days
            ? int.TryParse(days, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new ConfigException($"sources.{config.Name}.retention_days: '{days}' is not a positive number of days.")
            : SentryApi.DefaultRetentionDays;
        var api = new SentryApi(http, config.RequireCredential("token"), organization);
        return [.. Definitions.Select(d => (ISourceStream)new SentryStream(config.Name, d, api, TimeSpan.FromDays(retention)))];
    }
}
