using System.Collections.Concurrent;
using System.Net;
using Greenhouse.Config;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Sources;
using Greenhouse.Warehouse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests.Webhooks;

/// <summary>
/// The minimal receiver a host builds: Kestrel on 127.0.0.1 (any port), the config, a warehouse, a clock and the
/// <see cref="WebhookIngestor"/>, with <c>MapGreenhouseWebhooks</c>. Every log line is captured in <see cref="Logs"/>.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public const string SecretVariable = "GH_TEST_WEBHOOK_SECRET";
    public const string Secret = "whsec_test_receiver_5ecret_0123456789";

    private readonly WebApplication _app;

    private WebhookHost(WebApplication app, Uri baseUrl, ConcurrentQueue<string> logs)
    {
        _app = app;
        BaseUrl = baseUrl;
        Logs = logs;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<string> Logs { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Url(string source = "stripe") => new(BaseUrl, "/webhooks/" + source);

    /// <summary>Loads <paramref name="configPath"/> with <c>${GH_TEST_WEBHOOK_SECRET}</c> set (plus <paramref name="environment"/>).</summary>
    public static GreenhouseConfig LoadConfig(string configPath, IReadOnlyDictionary<string, string>? environment = null) =>
        new ConfigLoader(BuiltInConnectors.Create(), name => name == SecretVariable ? Secret : environment?.GetValueOrDefault(name)).Load(configPath);

    public static async Task<WebhookHost> StartAsync(GreenhouseConfig config, IWarehouse warehouse, TimeProvider clock)
    {
        var logs = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(warehouse);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<WebhookIngestor>();
        var app = builder.Build();
        app.MapGreenhouseWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookHost(app, new Uri(address), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
