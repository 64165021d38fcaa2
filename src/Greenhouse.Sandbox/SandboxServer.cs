using System.Net;
using Greenhouse.Sandbox.Buttondown;
using Greenhouse.Sandbox.Ecb;
using Greenhouse.Sandbox.GitHub;
using Greenhouse.Sandbox.Hooks;
using Greenhouse.Sandbox.Linear;
using Greenhouse.Sandbox.Oidc;
using Greenhouse.Sandbox.Plain;
using Greenhouse.Sandbox.Rest;
using Greenhouse.Sandbox.Sentry;
using Greenhouse.Sandbox.Slack;
using Greenhouse.Sandbox.Stripe;
using Greenhouse.Sandbox.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Sandbox;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 serving fake vendor APIs, each under <c>/{vendor}</c>
/// (Stripe also at the root). Used by <c>greenhouse demo</c>, <c>greenhouse sandbox</c>, tests and benchmarks.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseUrl, IReadOnlyList<IVendorFake> vendors)
    {
        _app = app;
        BaseUrl = baseUrl;
        Stripe = vendors.OfType<StripeFake>().Single();
        Slack = vendors.OfType<SlackFake>().Single();
        Telegram = vendors.OfType<TelegramFake>().Single();
        Hooks = vendors.OfType<HookSinkFake>().Single();
        Linear = vendors.OfType<LinearFake>().Single();
        Plain = vendors.OfType<PlainFake>().Single();
        GitHub = vendors.OfType<GitHubFake>().Single();
        Sentry = vendors.OfType<SentryFake>().Single();
        Buttondown = vendors.OfType<ButtondownFake>().Single();
        Rest = vendors.OfType<RestFake>().Single();
        Ecb = vendors.OfType<EcbFake>().Single();
        Oidc = vendors.OfType<OidcFake>().Single();
        VendorUrls = vendors.ToDictionary(v => v.Name, v => new Uri(baseUrl, "/" + v.Name), StringComparer.Ordinal);
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Each vendor's base URL, the <c>base_url</c> a config uses: <c>stripe</c> → <c>http://127.0.0.1:PORT/stripe</c>.</summary>
    public IReadOnlyDictionary<string, Uri> VendorUrls { get; }

    public StripeFake Stripe { get; }

    /// <summary>GitHub's REST API: a source's <c>base_url</c> is <c>VendorUrls["github"]</c>.</summary>
    public GitHubFake GitHub { get; }

    /// <summary>A Slack incoming webhook: post to <c>{VendorUrls["slack"]}/services/T…/B…/secret</c>.</summary>
    public SlackFake Slack { get; }

    /// <summary>The Telegram Bot API: a channel's <c>base_url</c> is <c>VendorUrls["telegram"]</c>.</summary>
    public TelegramFake Telegram { get; }

    /// <summary>A generic webhook receiver: post to <c>{VendorUrls["hooks"]}/any/path</c>.</summary>
    public HookSinkFake Hooks { get; }

    /// <summary>Linear's GraphQL API: a source's <c>base_url</c> is <c>VendorUrls["linear"]</c>.</summary>
    public LinearFake Linear { get; }

    /// <summary>Plain's GraphQL API: a source's <c>base_url</c> is <c>VendorUrls["plain"]</c>.</summary>
    public PlainFake Plain { get; }
    /// <summary>Sentry's web API: a source's <c>base_url</c> is <c>VendorUrls["sentry"]</c>, its organization <c>acme</c>.</summary>
    public SentryFake Sentry { get; }

    /// <summary>Buttondown's API: a source's <c>base_url</c> is <c>{VendorUrls["buttondown"]}/v1</c>.</summary>
    public ButtondownFake Buttondown { get; }

    /// <summary>A generic JSON list API (offset and cursor paging) for the declarative REST source: <c>base_url</c> is <c>VendorUrls["rest"]</c>.</summary>
    public RestFake Rest { get; }

    /// <summary>The ECB's reference-rate files: a source's <c>base_url</c> is <c>VendorUrls["ecb"]</c>.</summary>
    public EcbFake Ecb { get; }

    /// <summary>An OpenID Connect provider (Google's role) for the web UI's login: its authority is <c>VendorUrls["oidc"]</c>.</summary>
    public OidcFake Oidc { get; }

    /// <summary>Generates the vendors' data and starts listening; <see cref="SandboxOptions.Port"/> 0 takes any free port.</summary>
    /// <exception cref="IOException">The port is already in use.</exception>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Latency, TimeSpan.Zero);
        var clock = options.Clock ?? TimeProvider.System;
        var stripe = await Task.Run(() => new StripeFake(options, clock), cancellationToken);
        var linear = new LinearFake(options, clock, stripe.Data);
        var plain = new PlainFake(options, clock, stripe.Data);
        IVendorFake[] vendors =
        [
            stripe, new SlackFake(), new TelegramFake(clock), new HookSinkFake(), linear, plain, new GitHubFake(options, clock),
            new SentryFake(options, clock), new ButtondownFake(options, clock), new RestFake(), new EcbFake(options, clock), new OidcFake(clock),
        ];

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, SandboxHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        if (options.Latency > TimeSpan.Zero)
        {
            // One place for every vendor: the delay a real network and API add to each request.
            app.Use(async (context, next) =>
            {
                await Task.Delay(options.Latency, context.RequestAborted);
                await next(context);
            });
        }

        foreach (var vendor in vendors)
        {
            vendor.Map(app.MapGroup("/" + vendor.Name));
            if (vendor.ServeAtRoot)
            {
                vendor.Map(app);
            }
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new IOException(
                $"Could not start the sandbox on 127.0.0.1:{options.Port}: the port is already in use. "
                + "Stop whatever listens there, pick another port, or use port 0 for any free one.",
                ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        var port = new Uri(address).Port;
        return new SandboxServer(app, new Uri($"http://127.0.0.1:{port}"), vendors);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
