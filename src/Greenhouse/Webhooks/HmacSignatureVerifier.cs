using System.Security.Cryptography;
using System.Text.Json;
using Greenhouse.Config;

namespace Greenhouse.Webhooks;

/// <summary>
/// A generic HMAC for vendors without a scheme of their own: HMAC-<c>algorithm</c> (sha1, sha256, sha512) of the raw
/// body, hex or base64, in the configured header after an optional prefix. No timestamp. The event id is, in order:
/// the <c>X-Event-Id</c>, <c>Webhook-Id</c> or <c>Idempotency-Key</c> header, the body's <c>id</c>, else
/// <c>sha256:</c> + the SHA-256 of the body (so an identical redelivery still dedupes). The type is the
/// <c>X-Event-Type</c> header, else the body's <c>type</c>, else <c>unknown</c>.
/// </summary>
internal sealed class HmacSignatureVerifier(WebhookSignatureConfig signature) : IWebhookVerifier
{
    /// <summary>The <c>webhook_signature.scheme</c> that names it.</summary>
    public const string Scheme = "hmac";

    private static readonly string[] IdHeaders = ["X-Event-Id", "Webhook-Id", "Idempotency-Key"];

    public WebhookCheck Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, string secret, DateTimeOffset now)
    {
        var name = signature.Header ?? "X-Signature";
        if (headers[name] is not { } header)
        {
            return WebhookCheck.Fail(WebhookFailure.MissingSignature, $"no {name} header");
        }

        if (!header.StartsWith(signature.Prefix, StringComparison.Ordinal))
        {
            return WebhookCheck.Fail(WebhookFailure.Malformed, $"{name} does not start with the configured prefix");
        }

        var given = header[signature.Prefix.Length..];
        var expected = WebhookHmac.Compute(signature.Algorithm, secret, body);
        var matches = signature.Encoding == "base64" ? WebhookHmac.Base64Equals(given, expected) : WebhookHmac.HexEquals(given, expected);
        return matches ? WebhookCheck.Ok : WebhookCheck.Fail(WebhookFailure.Mismatch, "the signature does not match the secret");
    }

    public WebhookIdentity? Identify(WebhookHeaders headers, JsonElement body, ReadOnlySpan<byte> rawBody)
    {
        var id = IdHeaders.Select(h => headers[h]).FirstOrDefault(v => v is not null)
            ?? WebhookHmac.Text(body, "id")
            ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(rawBody));
        var type = headers["X-Event-Type"] ?? WebhookHmac.Text(body, "type") ?? "unknown";
        return new WebhookIdentity(id, type, null);
    }
}
