using Greenhouse.Config;

namespace Greenhouse.Sandbox;

/// <summary>
/// One source per syncable sandbox vendor, each pointed at its fake with a key the fake accepts. Used by
/// <c>greenhouse demo</c> and the <c>sync</c> benchmark, so both sync the same vendors the same way.
/// </summary>
internal static class SandboxSources
{
    /// <summary>
    /// The sources for <paramref name="sandbox"/>. <paramref name="requestsPerSecond"/> null paces each source
    /// at its connector's default (the vendor's documented limit). <paramref name="keySuffix"/> (letters and
    /// digits) makes different keys, so runs that should not share a vendor's per-key rate budget don't.
    /// <paramref name="stripeLiveMode"/> gives Stripe a live-mode key (<c>sk_live_…</c>), so the account is synced, paced and
    /// limited as a live one (100 requests a second, 25 on each endpoint); by default a test-mode key, as the demo uses.
    /// </summary>
    public static SourceConfig[] For(SandboxServer sandbox, double? requestsPerSecond, string keySuffix = "", bool stripeLiveMode = false) =>
        For(sandbox.VendorUrls, requestsPerSecond, keySuffix, stripeLiveMode);

    /// <summary>The same, for a sandbox known only by its <see cref="SandboxServer.VendorUrls"/> (one in another process).</summary>
    public static SourceConfig[] For(IReadOnlyDictionary<string, Uri> urls, double? requestsPerSecond, string keySuffix = "", bool stripeLiveMode = false)
    {
        return
        [
            Source("stripe", urls["stripe"], requestsPerSecond, "api_key", (stripeLiveMode ? "sk_live_" : "sk_test_") + "greenhouse_demo" + keySuffix),
            Source("github", urls["github"], requestsPerSecond, "token", "ghp_greenhouse_demo_token" + keySuffix, ("organizations", "acme")),
            Source("linear", urls["linear"], requestsPerSecond, "api_key", "lin_api_greenhouse_demo" + keySuffix),
            Source("plain", urls["plain"], requestsPerSecond, "api_key", "plainApiKey_greenhouse_demo" + keySuffix),
            Source("sentry", urls["sentry"], requestsPerSecond, "token", "sntrys_greenhouse_demo" + keySuffix, ("organization", "acme")),
            Source("buttondown", new Uri(urls["buttondown"] + "/v1"), requestsPerSecond, "api_key", "greenhouseDemoKey0123" + keySuffix),
            Source("ecb", urls["ecb"], requestsPerSecond, null, null),
        ];
    }

    /// <summary>
    /// A ready greenhouse.yml for the sandbox at <paramref name="sandbox"/> (<c>http://127.0.0.1:12111</c>): every vendor
    /// the sandbox fakes, its base_url, its credential as a <c>${VARIABLE}</c>; and the <c>export</c> lines that give
    /// each variable a key its fake accepts (Buttondown's fake wants 16 letters or digits, Stripe's an <c>sk_test_</c> key).
    /// </summary>
    public static (string Yaml, IReadOnlyList<string> Exports) ConfigFile(Uri sandbox)
    {
        var root = sandbox.AbsoluteUri.TrimEnd('/');
        var urls = Variables.Keys.Append("ecb").ToDictionary(v => v, v => new Uri($"{root}/{v}"));
        var yaml = new System.Text.StringBuilder($"""
            # Greenhouse against the sandbox at {root} (`greenhouse sandbox --port {sandbox.Port}` serves it).
            # Export the keys its fakes accept first (shown by `greenhouse sandbox`), then: greenhouse sync

            warehouse: sqlite:greenhouse.db

            sources:

            """);
        var exports = new List<string>();
        foreach (var source in For(urls, requestsPerSecond: null))
        {
            yaml.Append($"  {source.Name}:\n    type: {source.Type}\n");
            foreach (var (setting, credential) in source.Credentials)
            {
                var variable = Variables[source.Type];
                yaml.Append($"    {setting}: ${{{variable}}}\n");
                exports.Add($"export {variable}={credential.Value}");
            }

            yaml.Append($"    base_url: {source.BaseUrl}\n");
            foreach (var (setting, value) in source.Settings)
            {
                yaml.Append($"    {setting}: {value}\n");
            }
        }

        return (yaml.ToString(), exports);
    }

    /// <summary>The variable each vendor's credential is read from, as its connector page names it.</summary>
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["stripe"] = "STRIPE_API_KEY",
        ["github"] = "GITHUB_TOKEN",
        ["linear"] = "LINEAR_API_KEY",
        ["plain"] = "PLAIN_API_KEY",
        ["sentry"] = "SENTRY_AUTH_TOKEN",
        ["buttondown"] = "BUTTONDOWN_API_KEY",
    };

    /// <summary>A sandbox source: the vendor's fake, a key it accepts, the given pace, fast retries.</summary>
    private static SourceConfig Source(
        string type, Uri baseUrl, double? requestsPerSecond, string? keySetting, string? key, params (string Key, string Value)[] settings) => new(
        type,
        type,
        baseUrl,
        Lookback: TimeSpan.FromDays(7),
        Reconcile: TimeSpan.FromDays(7),
        CompleteDaysOnly: false,
        Schedule: null,
        Streams: null,
        RequestsPerSecond: requestsPerSecond,
        MaxRetries: 5,
        RetryBaseDelay: TimeSpan.FromMilliseconds(200),
        Settings: settings.ToDictionary(s => s.Key, s => s.Value),
        Credentials: keySetting is null || key is null
            ? new Dictionary<string, Credential>()
            : new Dictionary<string, Credential> { [keySetting] = new(key, $"sources.{type}.{keySetting}", null) });
}
