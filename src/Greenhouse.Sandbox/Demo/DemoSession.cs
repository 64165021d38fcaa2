using System.Text.Json.Nodes;
using Greenhouse.Checks;
using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Linear;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Sources;
using Greenhouse.Serve;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenhouse.Sandbox.Demo;

/// <summary>
/// Everything <c>greenhouse demo</c> needs with no credentials and no set-up: the sandbox's fake vendors on
/// 127.0.0.1, a config that points a fresh embedded SQLite file at them, and the sandbox business's dbt project
/// (<see cref="DemoProject"/>) written to a folder beside it.
/// </summary>
public sealed class DemoSession : IAsyncDisposable
{
    public const string DemoApiKey = "sk_test_greenhouse_demo";

    /// <summary>The demo's notification channel: the sandbox's fake Slack.</summary>
    public const string SlackChannel = "team";

    private DemoSession(SandboxServer sandbox, GreenhouseConfig config)
    {
        Sandbox = sandbox;
        Config = config;
    }

    public SandboxServer Sandbox { get; }

    public GreenhouseConfig Config { get; }

    public static async Task<DemoSession> StartAsync(string databasePath, SandboxSize size, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(databasePath);
        foreach (var file in new[] { fullPath, fullPath + "-wal", fullPath + "-shm", fullPath + ".lock" })
        {
            File.Delete(file);
        }

        var project = DemoProject.WriteTo(Path.Combine(Path.GetDirectoryName(fullPath)!, Path.GetFileNameWithoutExtension(fullPath) + "-transform"));
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(Size: size), cancellationToken);
        // A demo-sized sync stays well inside each fake's budget, so it goes faster than the vendors' documented paces.
        var sources = SandboxSources.For(sandbox, requestsPerSecond: 20);
        var config = new GreenhouseConfig("(demo)", WarehouseSetting.Sqlite(fullPath), "raw", WhenRunning.Fail, sources)
        {
            Connectors = BuiltInConnectors.Create(),
            Transform = new TransformConfig(project, Schedule: null, Target: null),
            ChecksPath = Path.Combine(project, "checks"),
            // The sandbox's own Slack incoming webhook: what the checks find is told there, as a team's channel would be.
            Notifications =
            [
                new NotificationChannelConfig(SlackChannel, "slack", new HashSet<NotificationLevel> { NotificationLevel.Warn, NotificationLevel.Error },
                    new Credential($"{sandbox.VendorUrls["slack"]}/services/T0DEMO00/B0DEMO00/demo-webhook-secret", $"notifications.{SlackChannel}.url", null), null, null, null),
            ],
        };
        return new DemoSession(sandbox, config);
    }

    /// <summary>
    /// Real time: serves the webhook receiver on 127.0.0.1, changes a customer in the sandbox and delivers the
    /// signed <c>customer.updated</c> event the sandbox's Stripe emits, as Stripe would.
    /// </summary>
    public async Task<DemoWebhookResult> DeliverWebhookAsync(CancellationToken cancellationToken = default)
    {
        var data = Sandbox.Stripe.Data;
        var customer = data.Ids("customers")[^1];
        const string email = "changed.by.webhook@example.com";
        data.Update("customers", customer, c => c["email"] = email);
        var eventId = data.Ids("events")[0];
        var (status, outcome) = await DeliverAsync("stripe", (sender, url) => sender.SendStripeAsync(url, data.Event(eventId), cancellationToken: cancellationToken), cancellationToken);
        return new DemoWebhookResult(customer, email, "customer.updated", status, outcome);
    }

    /// <summary>
    /// Real time, for a vendor whose webhook payload is not the API's object: retitles an issue in the sandbox's
    /// Linear and delivers the signed <c>Issue.update</c> webhook Linear would send, which lands like a sync.
    /// </summary>
    public async Task<DemoWebhookResult> DeliverLinearWebhookAsync(CancellationToken cancellationToken = default)
    {
        var linear = Sandbox.Linear;
        var issue = linear.Data.Ids("issues")[^1];
        const string title = "Retitled by a webhook";
        linear.UpdateIssue(issue, title: title);
        var webhook = new LinearWebhooks(linear.Data).Issue(issue, "update");
        var (status, outcome) = await DeliverAsync("linear", (sender, url) => sender.SendAsync(url, webhook, cancellationToken: cancellationToken), cancellationToken);
        return new DemoWebhookResult(issue, title, "Issue.update", status, outcome);
    }

    /// <summary>Serves the receiver for <paramref name="source"/> (with a webhook secret) while <paramref name="send"/> delivers to it.</summary>
    private async Task<(int Status, string Outcome)> DeliverAsync(
        string source, Func<WebhookSender, Uri, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        const string secret = "whsec_greenhouse_demo";
        var configured = Config.Source(source) with { WebhookSecret = new Credential(secret, $"sources.{source}.webhook_secret", null) };
        // The receiver lives for one delivery: its start and stop lines would only clutter the demo's output.
        await using var app = GreenhouseHost.Build(
            Config with { Sources = [configured] },
            "http://127.0.0.1:0",
            new ServeOptions { Schedule = false },
            services => services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient();
        using var response = await send(new WebhookSender(http, secret), new Uri(new Uri(address), "/webhooks/" + source));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        await app.StopAsync(cancellationToken);
        return ((int)response.StatusCode, (string?)body?["status"] ?? "?");
    }

    /// <summary>
    /// What <c>serve</c> does after a build: the build's data tests and the project's checks (<c>checks/*.yml</c>)
    /// recorded in the warehouse's check history, and what changed told to the sandbox's Slack. Returns the results
    /// and the Slack messages this sent.
    /// </summary>
    public async Task<(IReadOnlyList<CheckResult> Tests, IReadOnlyList<CheckResult> Checks, IReadOnlyList<Slack.SlackMessage> Told)> CheckAsync(
        IWarehouse warehouse, TransformRunResult build, CompiledProject project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var before = Sandbox.Slack.Messages.Count;
        using var notifications = new NotificationService(Config, warehouse, TimeProvider.System, NullLogger<NotificationService>.Instance);
        var service = new CheckService(Config, warehouse, notifications, TimeProvider.System);
        var tests = await service.RecordTestsAsync(build, cancellationToken);
        var checks = await service.RunAsync(service.History.Select([]), build.RunId, project, cancellationToken);
        return (tests, checks, [.. Sandbox.Slack.Messages.Skip(before)]);
    }

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();
}
