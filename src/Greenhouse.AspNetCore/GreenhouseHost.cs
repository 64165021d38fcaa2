using System.Text.Json;
using Greenhouse.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Serve;

/// <summary>The standalone <c>greenhouse serve</c> process: Kestrel on <c>--urls</c>, the scheduler, webhooks, health, MCP at <c>/mcp</c>.</summary>
public static class GreenhouseHost
{
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
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            console.UseUtcTimestamp = true;
        });
        // Logs go to stderr; stdout stays free for data.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddProblemDetails();
        builder.Services.AddGreenhouse(config, options);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGreenhouse();
        return app;
    }
}
