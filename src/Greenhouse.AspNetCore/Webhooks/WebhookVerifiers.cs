using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Webhooks;

namespace Greenhouse.Serve.Webhooks;

/// <summary>Picks a source's verifier: <c>webhook_signature.scheme</c>, or by default the scheme named like the source's type.</summary>
internal static class WebhookVerifiers
{
    /// <summary>The verifier, or null when the source's type has no scheme of its own and none is configured.</summary>
    public static IWebhookVerifier? For(SourceConfig source, ConnectorRegistry connectors)
    {
        var scheme = source.WebhookSignature?.Scheme ?? source.Type;
        return scheme != HmacSignatureVerifier.Scheme ? connectors.Verifier(scheme)
            : source.WebhookSignature is { } signature ? new HmacSignatureVerifier(signature)
            : null;
    }
}
