using Greenhouse.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Greenhouse.Serve.Mcp;

/// <summary><c>greenhouse mcp</c>: the MCP server over stdin/stdout for a desktop LLM client. Stdout is the protocol; logs go to stderr.</summary>
public static class McpStdioHost
{
    /// <summary>Serves one client until it closes stdin, or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(GreenhouseConfig config, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGreenhouseMcp(config).WithStdioServerTransport();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
    }
}
