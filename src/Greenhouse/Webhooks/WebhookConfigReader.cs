using Greenhouse.Config;

namespace Greenhouse.Webhooks;

/// <summary>The webhook keys of greenhouse.yml: a source's <c>webhook_secret:</c>, <c>webhook_signature:</c> and <c>webhook_refetch_per_minute:</c>, and the top-level <c>webhook_max_bytes:</c>.</summary>
internal static class WebhookConfigReader
{
    private static readonly string[] Algorithms = ["sha1", "sha256", "sha512"];

    private static readonly string[] Encodings = ["hex", "base64"];

    public static long MaxBytes(ConfigSection root) =>
        root.Integer("webhook_max_bytes", 1, long.MaxValue, "is not a positive number of bytes") ?? 1024 * 1024;

    public static Credential? Secret(ConfigSection source) => source.Secret("webhook_secret");

    /// <summary><c>webhook_refetch_per_minute:</c> how many objects a receiver may read from the API a minute to settle ties (0: never); 60 by default.</summary>
    public static int RefetchPerMinute(ConfigSection source) =>
        (int?)source.Integer("webhook_refetch_per_minute", 0, 100_000, "is not a whole number of requests a minute (0 to 100000)") ?? WebhookRefetchBudget.DefaultPerMinute;

    /// <param name="schemes">Each vendor's own signature scheme, and a generic HMAC from config (the last): <see cref="Sources.ConnectorRegistry.WebhookSchemes"/>.</param>
    public static WebhookSignatureConfig? Signature(ConfigSection source, IReadOnlyList<string> schemes) => source.Section(
        "webhook_signature",
        $"expected scheme: ({string.Join(", ", schemes.SkipLast(1))} or {schemes[^1]}) and, for hmac, header:, algorithm:, encoding:, prefix:",
        signature =>
        {
            var scheme = signature.Choice("scheme", schemes) ?? HmacSignatureVerifier.Scheme;
            var header = signature.Text("header");
            if (scheme == "hmac")
            {
                signature.Require("header", "required for scheme hmac: the request header that carries the signature");
            }

            return new WebhookSignatureConfig(
                scheme, header, signature.Choice("algorithm", Algorithms) ?? "sha256", signature.Choice("encoding", Encodings) ?? "hex", signature.Text("prefix") ?? "");
        });
}
