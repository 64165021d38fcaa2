using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary><c>greenhouse serve</c> as a newcomer starts it: log lines as short as the CLI's, and <c>GET /</c> says what runs where.</summary>
public sealed class ServeCliTests
{
    [Fact]
    public async Task Serve_answers_the_root_with_its_endpoints_and_logs_short_lines()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        harness.WriteConfig("streams: [coupons]");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var process = Infrastructure.Cli.Start(harness.Directory, harness.Environment, "serve", "--urls", $"http://127.0.0.1:{port}");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient();
        HttpResponseMessage? root = null;
        for (var attempt = 0; attempt < 100 && root is null; attempt++)
        {
            try
            {
                root = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(root);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        using var json = JsonDocument.Parse(await root.Content.ReadAsStringAsync());
        Assert.Equal("greenhouse", json.RootElement.GetProperty("name").GetString());
        Assert.Contains("log in at /", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        var endpoints = json.RootElement.GetProperty("endpoints").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("GET /api/status", endpoints);
        Assert.Contains("POST /webhooks/{source}", endpoints);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"))).StatusCode);
        using (var ui = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }).GetAsync(new Uri($"http://127.0.0.1:{port}/")))
        {
            Assert.Equal(HttpStatusCode.Redirect, ui.StatusCode);
            Assert.Equal("/login", ui.Headers.Location!.AbsolutePath);
        }

        using (var stop = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await stdout;
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.EndsWith($"Serving on http://127.0.0.1:{port} (the web UI at /, GET /api lists the endpoints); Ctrl+C stops", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("stripe.coupons: started", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z (?!info:)(?!\S+\[\d+\])", l));
        Assert.DoesNotContain("Microsoft.Hosting", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Greenhouse.Serve", stderr.ToString(), StringComparison.Ordinal);
    }
}
