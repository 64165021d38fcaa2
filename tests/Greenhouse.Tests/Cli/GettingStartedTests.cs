using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Greenhouse.Config;
using Greenhouse.Sandbox;
using Greenhouse.Sources;

namespace Greenhouse.Tests.Cli;

/// <summary>
/// A newcomer's first config: <c>greenhouse init</c> names every connector, notifications, freshness and webhooks with
/// docs by URL; <c>greenhouse sandbox</c> prints a greenhouse.yml that syncs it, and <c>init --sandbox</c> writes one.
/// </summary>
public sealed partial class GettingStartedTests
{
    private static readonly string[] Connectors = ["stripe", "github", "linear", "plain", "sentry", "buttondown", "ecb", "csv"];

    [GeneratedRegex(@"^(\s*)# (\s*[a-z_]+:.*)$")]
    private static partial Regex CommentedKey();

    [GeneratedRegex(@"^export ([A-Z_]+)=(\S+)$")]
    private static partial Regex Export();

    private static string Empty() => Directory.CreateTempSubdirectory("gh-start-").FullName;

    [Fact]
    public async Task Init_names_every_connector_and_each_commented_example_loads_when_uncommented()
    {
        var directory = Empty();
        Directory.CreateDirectory(Path.Combine(directory, "data"));

        var init = await Infrastructure.Cli.RunAsync(directory, null, "init");

        Assert.Equal(0, init.ExitCode);
        var path = Path.Combine(directory, "greenhouse.yml");
        var text = File.ReadAllText(path);
        foreach (var needle in new[] { "notifications:", "max_staleness:", "webhook_secret:", "remind_every:", "https://github.com/greenhouse-data/greenhouse/blob/main/" })
        {
            Assert.Contains(needle, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Docs: README.md", text, StringComparison.Ordinal);
        var uncommented = string.Join('\n', text.Split('\n').Select(line =>
            CommentedKey().Match(line) is { Success: true } m && !m.Groups[2].Value.TrimStart().StartsWith("warehouse:", StringComparison.Ordinal)
                ? m.Groups[1].Value + m.Groups[2].Value
                : line));
        File.WriteAllText(path, uncommented);
        var config = new ConfigLoader(BuiltInConnectors.Create(), _ => "x0123456789abcdef0123").Load(path);

        Assert.Equal(Connectors, config.Sources.Select(s => s.Type).ToArray());
        Assert.Equal(3, config.Notifications.Count);
        Assert.NotNull(config.Source("stripe").WebhookSecret);
    }

    [Fact]
    public async Task Init_sandbox_writes_a_config_that_syncs_every_vendor_of_the_sandbox()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var directory = Empty();

        var init = await Infrastructure.Cli.RunAsync(directory, null, "init", "--sandbox", "--port", sandbox.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var environment = init.Stdout.Split('\n').Select(l => Export().Match(l.Trim())).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var sync = await Infrastructure.Cli.RunAsync(directory, environment, "sync", "--json");

        Assert.Equal(0, init.ExitCode);
        Assert.Equal(6, environment.Count);
        Assert.True(sync.ExitCode == 0, sync.Stderr + sync.Stdout);
        using var json = JsonDocument.Parse(sync.Stdout);
        var sources = json.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("stream").GetString()!.Split('.')[0]).ToHashSet();
        Assert.Equal(["buttondown", "ecb", "github", "linear", "plain", "sentry", "stripe"], sources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sandbox_prints_a_greenhouse_yml_that_loads_with_the_keys_its_fakes_accept()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var directory = Empty();
        using var process = Infrastructure.Cli.Start(directory, null, "sandbox", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var output = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            output.Append(line).Append('\n');
            if (line.Contains("/ecb", StringComparison.Ordinal) && line.Contains("base_url", StringComparison.Ordinal))
            {
                break;
            }
        }

        using (var stop = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var path = Path.Combine(directory, "greenhouse.yml");
        File.WriteAllText(path, output.ToString());
        var exports = output.ToString().Split('\n').Select(l => Export().Match(l.TrimStart('#', ' '))).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var config = new ConfigLoader(BuiltInConnectors.Create(), name => exports.GetValueOrDefault(name)).Load(path);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(["stripe", "github", "linear", "plain", "sentry", "buttondown", "ecb"], config.Sources.Select(s => s.Type).ToArray());
        Assert.All(config.Sources, s => Assert.StartsWith($"http://127.0.0.1:{port}/", s.BaseUrl!.AbsoluteUri, StringComparison.Ordinal));
        Assert.True(exports["BUTTONDOWN_API_KEY"].Length >= 16);
        config.ResolveCredentials();
    }

    [Fact]
    public async Task A_sandbox_port_in_use_is_one_error_line_and_exit_two()
    {
        await using var running = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));

        var result = await Infrastructure.Cli.RunAsync(Empty(), null, "sandbox", "--port", running.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: cannot listen on 127.0.0.1:{running.BaseUrl.Port}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--port", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
