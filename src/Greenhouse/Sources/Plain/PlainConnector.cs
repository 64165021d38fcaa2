using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.GraphQL;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Plain.Streams;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Plain;

/// <summary>
/// Plain: support customers, threads and label types from the GraphQL API. Customers and threads are read
/// incrementally through their <c>updatedAt</c> filters; label types (no such filter, a handful of rows) whole every run.
/// </summary>
public sealed class PlainConnector : IWebhookConnector
{
    private static readonly PlainSignatureVerifier SignatureVerifier = new();

    public const int PageSize = 100;

    private static readonly GraphQLStreamDefinition[] Definitions =
    [
        CustomersStream.Definition,
        ThreadsStream.Definition,
        LabelsStream.Definition,
    ];

    public string Type => "plain";

    public Uri DefaultBaseUrl { get; } = new("https://core-api.uk.plain.com");

    /// <summary>The smallest plan allows 450 requests a minute per workspace: the burst plus a minute's pace stay within it.</summary>
    public double DefaultRequestsPerSecond => (450.0 - RequestBurst) / 60;

    /// <summary>Plain counts requests per minute: a few seconds of them may go at once.</summary>
    public int RequestBurst => 30;

    public IThrottlePolicy? Throttle { get; } = new PlainThrottlePolicy();

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("api_key", Required: true, Secret: true, Description: "a machine-user API key (plainApiKey_…) with customer:read, thread:read and label:read"),
        new("page_size", Description: $"nodes per page, 1–{PageSize}; default {PageSize}"),
    ];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [.. Definitions.Select(d => d.Spec)];

    IWebhookVerifier IWebhookConnector.Verifier => SignatureVerifier;

    WebhookRecord? IWebhookConnector.Read(SourceConfig source, WebhookIdentity identity, JsonElement body, DateTimeOffset received) =>
        PlainWebhookEvents.Read(identity.Type, body);

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var apiKey = config.RequireCredential("api_key");
        var pageSize = int.TryParse(config.Setting("page_size"), System.Globalization.CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, PageSize) : PageSize;
        var client = new GraphQLClient(
            http,
            "Plain",
            "graphql/v1",
            apiKey,
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Value),
            "Set it to a machine user's API key from Plain's Settings → Machine users (plainApiKey_…).");
        return [.. Definitions.Select(d => (ISourceStream)new GraphQLStream(config.Name, d, client, pageSize))];
    }
}
