using System.Diagnostics;
using System.Globalization;
using Greenhouse.Sandbox;

namespace Greenhouse.Bench;

/// <summary>
/// The sandbox in a child process (this program's <c>sandbox-server</c> command), so the benchmark's own RSS is
/// Greenhouse's alone, not the fake vendors' generated data and response building.
/// </summary>
internal sealed class SandboxChild : IAsyncDisposable
{
    private static readonly string[] Vendors = ["stripe", "github", "linear", "plain", "sentry", "buttondown", "ecb"];
    private readonly Process _process;

    private SandboxChild(Process process, Uri baseUrl)
    {
        _process = process;
        VendorUrls = Vendors.ToDictionary(v => v, v => new Uri(baseUrl, "/" + v), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Uri> VendorUrls { get; }

    /// <summary>The CPU time the child (the fake vendors) has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<SandboxChild> StartAsync(SandboxSize size, TimeSpan latency)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SandboxChild).Assembly.Location);
        }

        foreach (var arg in new[] { "sandbox-server", "--size", size.ToString(), "--latency-ms", latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("The sandbox child process exited before reporting its address.");
        return new SandboxChild(process, new Uri(line.Trim()));
    }

    /// <summary>The child: starts the sandbox, prints its base URL, serves until its standard input closes.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var size = Enum.Parse<SandboxSize>(BenchArgs.String(args, "--size", "medium"), ignoreCase: true);
        var latency = TimeSpan.FromMilliseconds(BenchArgs.Int(args, "--latency-ms", 0));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(Size: size, EnforceRateLimits: true, Latency: latency));
        Console.WriteLine(sandbox.BaseUrl);
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
