using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.GraphQL;
using Greenhouse.Sources.Http;
using Greenhouse.Sources.Linear.Streams;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Linear;

/// <summary>Linear: issues and the entities around them from the GraphQL API, incrementally by <c>updatedAt</c>.</summary>
public sealed class LinearConnector : IWebhookConnector
{
    private static readonly LinearSignatureVerifier SignatureVerifier = new();

    public const int PageSize = 100;

    private static readonly GraphQLStreamDefinition[] Definitions =
    [
        IssuesStream.Definition,
        ProjectsStream.Definition,
        CyclesStream.Definition,
        TeamsStream.Definition,
        UsersStream.Definition,
        WorkflowStatesStream.Definition,
    ];

    public string Type => "linear";

    public Uri DefaultBaseUrl { get; } = new("https://api.linear.app");

    /// <summary>An API key may make 1,500 requests an hour (shared by all of its user's keys): the burst plus an hour's pace stay within it.</summary>
    public double DefaultRequestsPerSecond => (1500.0 - RequestBurst) / 3600;

    /// <summary>Linear counts 1,500 requests an hour: a tenth of it may go at once.</summary>
    public int RequestBurst => 150;

    public IThrottlePolicy? Throttle { get; } = new LinearThrottlePolicy();

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("api_key", Required: true, Secret: true, Description: "a personal API key (lin_api_…) of a user who can see the teams to sync"),
    ];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [.. Definitions.Select(d => d.Spec)];

    IWebhookVerifier IWebhookConnector.Verifier => SignatureVerifier;

    WebhookRecord? IWebhookConnector.Read(SourceConfig source, WebhookIdentity identity, JsonElement body, DateTimeOffset received) =>
        LinearWebhookEvents.Read(body);

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var apiKey = config.RequireCredential("api_key");
        var client = new GraphQLClient(
            http,
            "Linear",
            "graphql",
            apiKey,
            // Personal API keys go without "Bearer" (that prefix is for OAuth tokens).
            request => request.Headers.TryAddWithoutValidation("Authorization", apiKey.Value),
            "Set it to a personal API key from Linear's Settings → Security & access (lin_api_…).");
        return [.. Definitions.Select(d => (ISourceStream)new GraphQLStream(config.Name, d, client, PageSize))];
    }
}
