using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Serve.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Serve;

/// <summary>The standalone <c>greenhouse serve</c> process: Kestrel on <c>--urls</c>, the scheduler, webhooks, health, MCP at <c>/mcp</c>.</summary>
public static class GreenhouseHost
{
    private static readonly IndexDocument Index = new(
        "greenhouse",
        (System.Reflection.Assembly.GetEntryAssembly() ?? typeof(GreenhouseHost).Assembly).GetName().Version?.ToString(3) ?? "0.1.0",
        "greenhouse serve is running: scheduled syncs, webhooks, health, MCP and the web UI (log in at /; greenhouse user add EMAIL makes a login).",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GET /"] = "the web UI: health, runs, checks, the SQL explorer and customers, behind a login",
            ["GET /healthz"] = "alive",
            ["GET /readyz"] = "warehouse reachable and scheduler running, else 503 with the reason",
            ["GET /api/status"] = "per stream: last success, staleness, rows, the last run",
            ["POST /webhooks/{source}"] = "signed vendor webhooks, for sources with a webhook_secret",
            ["POST /mcp"] = "the warehouse, read-only, to LLM clients (a bearer token from greenhouse token add)",
        },
        "https://github.com/greenhouse-data/greenhouse/blob/main/README.md#running-in-production-greenhouse-serve");

    /// <summary>Serves until <paramref name="cancellationToken"/> fires or the process gets SIGTERM/Ctrl+C.</summary>
    public static async Task RunAsync(GreenhouseConfig config, string urls, CancellationToken cancellationToken = default)
    {
        await using var app = Build(config, urls);
        await app.RunAsync(cancellationToken);
    }

    public static WebApplication Build(GreenhouseConfig config, string urls, ServeOptions? options = null, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.FormatterName = ShortConsoleFormatter.Name)
            .AddConsoleFormatter<ShortConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        // Logs go to stderr; stdout stays free for data.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // "Now listening on", the environment and the content root: the one line serve writes itself says what matters.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // Every request without a bearer token ("… was not authenticated"): the 401 of /mcp says it to the client already.
        builder.Logging.AddFilter("Greenhouse.Serve.Mcp.TokenAuthenticationHandler", LogLevel.Warning);
        builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddProblemDetails();
        builder.Services.AddGreenhouse(config, options);
        builder.Services.AddGreenhouseUi(config.Oidc);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        // Behind a reverse proxy on this machine that ends TLS, the address people use (https, its host): the OpenID
        // Connect redirect URI and Secure cookies need it. Only loopback proxies are believed (the defaults).
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGreenhouse();
        // Only the standalone process has the web UI at "/" and the index of its endpoints: an embedding app keeps its own pages.
        app.MapGreenhouseUi();
        app.MapGet("/api", () => Microsoft.AspNetCore.Http.TypedResults.Ok(Index));
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Serving on {Urls} (the web UI at /, GET /api lists the endpoints); Ctrl+C stops", string.Join(", ", app.Urls)));
        return app;
    }
}
