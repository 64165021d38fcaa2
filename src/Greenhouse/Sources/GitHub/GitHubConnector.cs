using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources.GitHub.Streams;
using Greenhouse.Sources.Http;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.GitHub;

/// <summary>GitHub: repositories, issues, pull requests, issue comments and releases of named repositories and organizations.</summary>
public sealed class GitHubConnector : IWebhookConnector
{
    private static readonly GitHubSignatureVerifier SignatureVerifier = new();

    private static readonly GitHubStreamDefinition[] Definitions =
    [
        IssuesStream.Definition,
        PullRequestsStream.Definition,
        IssueCommentsStream.Definition,
        ReleasesStream.Definition,
    ];

    public string Type => "github";

    public Uri DefaultBaseUrl { get; } = new("https://api.github.com");

    /// <summary>5,000 requests/hour for a token is 1.4/s on average; bursts are fine, the reset header governs the rest.</summary>
    public double DefaultRequestsPerSecond => 10;

    /// <summary>GitHub counts 5,000 requests an hour: short bursts are fine (secondary limits go through the throttle policy).</summary>
    public int RequestBurst => 100;

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("token", Required: true, Secret: true, Description: "a personal access token (ghp_… or github_pat_…) with read access to the repositories"),
        new("repositories", Description: "comma-separated owner/repo names, e.g. 'acme/app, acme/site'"),
        new("organizations", Description: "comma-separated organizations whose repositories are all read, e.g. 'acme'"),
    ];

    public IReadOnlyList<StreamSpec> Catalog { get; } = [GitHubRepositoriesStream.Spec, .. Definitions.Select(d => d.Spec)];

    public IThrottlePolicy? Throttle { get; } = new GitHubThrottlePolicy();

    IWebhookVerifier IWebhookConnector.Verifier => SignatureVerifier;

    WebhookRecord? IWebhookConnector.Read(SourceConfig source, WebhookIdentity identity, JsonElement body, DateTimeOffset received) =>
        GitHubWebhookEvents.Read(source, identity.Type, body, received);

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var api = new GitHubApi(http, config.RequireCredential("token"));
        var repositories = new GitHubRepositoryList(api, GitHubScope.From(config), config.Name);
        return
        [
            new GitHubRepositoriesStream(config.Name, repositories),
            .. Definitions.Select(d => (ISourceStream)new GitHubRepoStream(config.Name, d, api, repositories)),
        ];
    }
}
