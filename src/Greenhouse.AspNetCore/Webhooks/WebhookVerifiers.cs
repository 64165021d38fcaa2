using Greenhouse.Config;

namespace Greenhouse.Serve.Webhooks;

/// <summary>Picks a source's verifier: <c>webhook_signature.scheme</c>, or by default the scheme named like the source's type.</summary>
internal static class WebhookVerifiers
{
    /// <summary>The verifier, or null when the source's type has no scheme of its own and none is configured.</summary>
    public static IWebhookVerifier? For(SourceConfig source) => (source.WebhookSignature?.Scheme ?? source.Type) switch
    {
        "stripe" => new StripeSignatureVerifier(),
        "github" => new GitHubSignatureVerifier(),
        "linear" => new LinearSignatureVerifier(),
        "plain" => new PlainSignatureVerifier(),
        "hmac" when source.WebhookSignature is { } signature => new HmacSignatureVerifier(signature),
        _ => null,
    };
}
