using System.Text.Json;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// GitHub's scheme: <c>X-Hub-Signature-256: sha256=</c>hex(HMAC-SHA256(secret, rawBody)). There is no timestamp, so
/// replays are caught only by the dedupe on <c>X-GitHub-Delivery</c> (the event id); the type is <c>X-GitHub-Event</c>.
/// </summary>
internal sealed class GitHubSignatureVerifier : IWebhookVerifier
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public WebhookCheck Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, string secret, DateTimeOffset now)
    {
        if (headers[HeaderName] is not { } header)
        {
            return WebhookCheck.Fail(WebhookFailure.MissingSignature, $"no {HeaderName} header");
        }

        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return WebhookCheck.Fail(WebhookFailure.Malformed, $"{HeaderName} does not start with {Prefix}");
        }

        return WebhookHmac.HexEquals(header[Prefix.Length..], WebhookHmac.Compute("sha256", secret, body))
            ? WebhookCheck.Ok
            : WebhookCheck.Fail(WebhookFailure.Mismatch, "the signature does not match the secret");
    }

    public WebhookIdentity? Identify(WebhookHeaders headers, JsonElement body, ReadOnlySpan<byte> rawBody)
    {
        if (headers["X-GitHub-Delivery"] is not { } id)
        {
            return null;
        }

        var type = headers["X-GitHub-Event"] ?? "unknown";
        return new WebhookIdentity(id, WebhookHmac.Text(body, "action") is { } action ? $"{type}.{action}" : type, null);
    }
}
