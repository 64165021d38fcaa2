using System.Globalization;
using System.Text.Json;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Plain;

/// <summary>
/// Plain's scheme: <c>Plain-Request-Signature</c> is hex(HMAC-SHA256(workspace secret, rawBody)), no prefix and no
/// signed timestamp (Plain's request-signing docs), so replays are caught only by the dedupe on the event id: the
/// <c>Plain-Event-Id</c> header (the same on every delivery attempt), else the body's <c>id</c>. The type is the body's
/// <c>type</c> (e.g. <c>thread.thread_created</c>), else <c>Plain-Event-Type</c>; the time is the body's <c>timestamp</c>.
/// </summary>
internal sealed class PlainSignatureVerifier : IWebhookVerifier
{
    public const string HeaderName = "Plain-Request-Signature";

    public WebhookCheck Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, string secret, DateTimeOffset now)
    {
        if (headers[HeaderName] is not { } header)
        {
            return WebhookCheck.Fail(WebhookFailure.MissingSignature, $"no {HeaderName} header");
        }

        return WebhookHmac.HexEquals(header, WebhookHmac.Compute("sha256", secret, body))
            ? WebhookCheck.Ok
            : WebhookCheck.Fail(WebhookFailure.Mismatch, "the signature does not match the secret");
    }

    public WebhookIdentity? Identify(WebhookHeaders headers, JsonElement body, ReadOnlySpan<byte> rawBody)
    {
        if ((headers["Plain-Event-Id"] ?? WebhookHmac.Text(body, "id")) is not { Length: > 0 } id)
        {
            return null;
        }

        var type = WebhookHmac.Text(body, "type") ?? headers["Plain-Event-Type"] ?? "unknown";
        var created = DateTimeOffset.TryParse(WebhookHmac.Text(body, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : (DateTimeOffset?)null;
        return new WebhookIdentity(id, type, created);
    }
}
