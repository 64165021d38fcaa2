using System.Text.Json;
using Greenhouse.Access;
using Greenhouse.Serve;
using Greenhouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Greenhouse.Tests.Mcp;

/// <summary>A real MCP client (the SDK's) on a harness's warehouse: over stdio to the CLI's <c>mcp</c> process, or over HTTP to <c>serve</c>.</summary>
internal static class McpSessions
{
    /// <summary>
    /// Starts <c>greenhouse mcp --config …</c> as a child process and initialises a session with it. The process gets no
    /// vendor credential (the harness's variables are unset): reading the warehouse needs none.
    /// </summary>
    public static Task<McpClient> StdioAsync(SourceHarness harness, List<string>? stderr = null)
    {
        var environment = harness.Environment.ToDictionary(e => e.Key, _ => (string?)null);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "greenhouse",
            Command = "dotnet",
            Arguments = [Infrastructure.Cli.DllPath, "mcp", "--config", harness.ConfigPath],
            WorkingDirectory = harness.Directory,
            EnvironmentVariables = environment,
            StandardErrorLines = line =>
            {
                lock (stderr ?? [])
                {
                    stderr?.Add(line);
                }
            },
        });
        return McpClient.CreateAsync(transport, cancellationToken: Timeout());
    }

    /// <summary>Serves the harness's config on 127.0.0.1 (a free port, no scheduler) and answers its base address.</summary>
    public static async Task<(WebApplication App, Uri Address)> ServeAsync(SourceHarness harness)
    {
        var app = TestHost.Build(harness.LoadConfig(), new ServeOptions { Schedule = false });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>An MCP session over streamable HTTP at <c>/mcp</c>, sending <paramref name="token"/> as the bearer token (null: none).</summary>
    public static Task<McpClient> HttpAsync(Uri address, string? token)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        return McpClient.CreateAsync(transport, cancellationToken: Timeout());
    }

    /// <summary>A token of the harness's warehouse, made as <c>greenhouse token add</c> makes it (<paramref name="clock"/>: when it is made).</summary>
    public static async Task<IssuedToken> AddTokenAsync(SourceHarness harness, string name, TimeSpan? lifetime = null, TimeProvider? clock = null)
    {
        await using var warehouse = harness.Warehouse.Open();
        return await new TokenService(warehouse, clock).AddAsync(name, "viewer", lifetime);
    }

    /// <summary>Calls a tool and answers its structured result; a tool error fails the test with its message.</summary>
    public static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await CallRawAsync(client, tool, arguments);
        Assert.True(result.IsError is not true, $"{tool} failed: {Text(result)}");
        Assert.NotNull(result.StructuredContent);
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    public static async Task<CallToolResult> CallRawAsync(McpClient client, string tool, Dictionary<string, object?>? arguments = null) =>
        await client.CallToolAsync(tool, arguments ?? [], cancellationToken: Timeout());

    /// <summary>The text content of a tool result.</summary>
    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
}
