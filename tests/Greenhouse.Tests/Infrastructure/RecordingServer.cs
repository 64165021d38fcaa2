using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// A plain HTTP server on 127.0.0.1 (a port of its own, so another host to a client) that records every request it
/// receives (method, path with query, headers, body) and answers with <paramref name="answer"/>.
/// </summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received;

    private RecordingServer(WebApplication app, Uri url, ConcurrentQueue<ReceivedRequest> received)
    {
        _app = app;
        Url = url;
        _received = received;
    }

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<RecordingServer> StartAsync(Func<HttpContext, Task> answer)
    {
        var received = new ConcurrentQueue<ReceivedRequest>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            received.Enqueue(new ReceivedRequest(
                http.Request.Method,
                http.Request.Path + http.Request.QueryString,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            await answer(http);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RecordingServer(app, new Uri(address + "/"), received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
