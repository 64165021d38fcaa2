namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// One source block a <see cref="SourceHarness"/> writes into greenhouse.yml: the source's name and type, the sandbox
/// fake its <c>base_url</c> points at (null for a source that reads no API), and its credential: the line
/// <paramref name="Credential"/>, where <c>${}</c> stands for <c>${Variable}</c>, which the harness's fake environment
/// resolves to <paramref name="Secret"/> (a value the fake accepts).
/// </summary>
public sealed record SandboxVendor(
    string Source,
    string Type,
    string? Fake = null,
    string? Credential = null,
    string? Variable = null,
    string? Secret = null)
{
    public static SandboxVendor Stripe { get; } = new("stripe", "stripe", "stripe", "api_key: ${}", "GH_TEST_STRIPE_KEY", "sk_test_harness_key_0123456789");

    public static SandboxVendor GitHub { get; } = new("github", "github", "github", "token: ${}", "GH_TEST_GITHUB_TOKEN", "ghp_harnessToken0123456789abcdef")
    {
        Defaults = "organizations: acme",
    };

    public static SandboxVendor Linear { get; } = new("linear", "linear", "linear", "api_key: ${}", "GH_TEST_LINEAR_KEY", "lin_api_harness_0123456789");

    public static SandboxVendor Plain { get; } = new("plain", "plain", "plain", "api_key: ${}", "GH_TEST_PLAIN_KEY", "plainApiKey_harness_0123456789")
    {
        Defaults = "page_size: 40",
    };

    public static SandboxVendor Sentry { get; } = new("sentry", "sentry", "sentry", "token: ${}", "GH_TEST_SENTRY_TOKEN", "sntrys_harness_token_0123456789")
    {
        Defaults = "organization: acme",
    };

    public static SandboxVendor Buttondown { get; } = new("buttondown", "buttondown", "buttondown", "api_key: ${}", "GH_TEST_BUTTONDOWN_KEY", "0f3a9c2e7b5d41a8b6e2c9d7f1a4b3e5")
    {
        BaseUrlSuffix = "/v1",
    };

    public static SandboxVendor Ecb { get; } = new("ecb", "ecb", "ecb");

    /// <summary>CSV files in the harness folder's <c>./data</c>, keyed by <c>id</c> unless told otherwise.</summary>
    public static SandboxVendor Csv { get; } = new("files", "csv")
    {
        Lines = "path: ./data",
        Defaults = "primary_key: id",
    };

    /// <summary>Appended to the fake's URL for <c>base_url</c> (Buttondown's API lives under <c>/v1</c>).</summary>
    public string BaseUrlSuffix { get; init; } = "";

    /// <summary>Lines the block always holds (nested YAML keeps its indentation).</summary>
    public string Lines { get; init; } = "";

    /// <summary>Lines the block holds unless <see cref="SourceHarness.WriteConfig"/> is given others (an organization, a page size).</summary>
    public string Defaults { get; init; } = "";

    /// <summary>The credential line with its variable reference, or null for a source without one.</summary>
    public string? CredentialLine => Credential?.Replace("${}", "${" + Variable + "}", StringComparison.Ordinal);
}
