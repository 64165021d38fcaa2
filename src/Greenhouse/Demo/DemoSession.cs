using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Serve;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greenhouse.Demo;

/// <summary>
/// Everything <c>greenhouse demo</c> needs with no credentials and no set-up: the sandbox's fake vendors on
/// 127.0.0.1 and a config that points a fresh embedded SQLite file at them.
/// </summary>
public sealed class DemoSession : IAsyncDisposable
{
    public const string DemoApiKey = "sk_test_greenhouse_demo";

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

        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(Size: size), cancellationToken);
        // A demo-sized sync stays well inside each fake's budget, so it goes faster than the vendors' documented paces.
        var sources = SandboxSources.For(sandbox, requestsPerSecond: 20);
        var config = new GreenhouseConfig("(demo)", "sqlite:" + fullPath, "raw", WhenRunning.Fail, sources);
        return new DemoSession(sandbox, config);
    }

    /// <summary>
    /// Real time: serves the webhook receiver on 127.0.0.1, changes a customer in the sandbox and delivers the
    /// signed <c>customer.updated</c> event the sandbox's Stripe emits, as Stripe would.
    /// </summary>
    public async Task<DemoWebhookResult> DeliverWebhookAsync(CancellationToken cancellationToken = default)
    {
        const string secret = "whsec_greenhouse_demo";
        var stripe = Config.Source("stripe") with { WebhookSecret = new Credential(secret, "sources.stripe.webhook_secret", null) };
        await using var app = GreenhouseHost.Build(Config with { Sources = [stripe] }, "http://127.0.0.1:0", new ServeOptions { Schedule = false });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var data = Sandbox.Stripe.Data;
        var customer = data.Ids("customers")[^1];
        const string email = "changed.by.webhook@example.com";
        data.Update("customers", customer, c => c["email"] = email);
        var eventId = data.Ids("events")[0];
        using var http = new HttpClient();
        using var response = await new WebhookSender(http, secret).SendStripeAsync(
            new Uri(new Uri(address), "/webhooks/stripe"), data.Event(eventId), cancellationToken: cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        await app.StopAsync(cancellationToken);
        return new DemoWebhookResult(customer, email, "customer.updated", (int)response.StatusCode, (string?)body?["status"] ?? "?");
    }

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();
}
