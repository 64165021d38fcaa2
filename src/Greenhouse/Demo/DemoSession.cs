using Greenhouse.Config;
using Greenhouse.Sandbox;

namespace Greenhouse.Demo;

/// <summary>
/// Everything <c>greenhouse demo</c> needs with no credentials and no set-up: the sandbox's fake vendors on
/// 127.0.0.1 and a config that points a fresh embedded SQLite file at them.
/// </summary>
public sealed class DemoSession : IAsyncDisposable
{
    public const string DemoApiKey = "sk_test_greenhouse_demo";

    private DemoSession(SandboxServer sandbox, GreenhouseConfig config)
    {
        Sandbox = sandbox;
        Config = config;
    }

    public SandboxServer Sandbox { get; }

    public GreenhouseConfig Config { get; }

    public static async Task<DemoSession> StartAsync(string databasePath, SandboxSize size, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(databasePath);
        foreach (var file in new[] { fullPath, fullPath + "-wal", fullPath + "-shm", fullPath + ".lock" })
        {
            File.Delete(file);
        }

        var sandbox = await SandboxServer.StartAsync(new SandboxOptions(Size: size), cancellationToken);
        var stripe = new SourceConfig(
            "stripe",
            "stripe",
            sandbox.VendorUrls["stripe"],
            Lookback: TimeSpan.FromDays(7),
            Reconcile: TimeSpan.FromDays(7),
            CompleteDaysOnly: false,
            Schedule: null,
            Streams: null,
            RequestsPerSecond: null,
            MaxRetries: 5,
            RetryBaseDelay: TimeSpan.FromMilliseconds(200),
            Settings: new Dictionary<string, string>(),
            Credentials: new Dictionary<string, Credential>
            {
                ["api_key"] = new(DemoApiKey, "sources.stripe.api_key", null),
            });
        var config = new GreenhouseConfig("(demo)", "sqlite:" + fullPath, "raw", WhenRunning.Fail, [stripe]);
        return new DemoSession(sandbox, config);
    }

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();
}
