using System.Text.Json;
using Greenhouse.Webhooks;

namespace Greenhouse.Sources.Linear;

/// <summary>
/// Linear's scheme: <c>Linear-Signature</c> is hex(HMAC-SHA256(secret, rawBody)), no prefix; the body's
/// <c>webhookTimestamp</c> (Unix milliseconds) must be within the tolerance (60 s by default) of now, as the SDK's
/// <c>LinearWebhookClient.verify</c> checks. The id is the <c>Linear-Delivery</c> header; the type is the body's
/// <c>type.action</c> (e.g. <c>Issue.update</c>).
/// </summary>
internal sealed class LinearSignatureVerifier(TimeSpan? tolerance = null) : IWebhookVerifier
{
    public const string HeaderName = "Linear-Signature";

    public TimeSpan Tolerance { get; } = tolerance ?? TimeSpan.FromSeconds(60);

    public WebhookCheck Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, string secret, DateTimeOffset now)
    {
        if (headers[HeaderName] is not { } header)
        {
            return WebhookCheck.Fail(WebhookFailure.MissingSignature, $"no {HeaderName} header");
        }

        if (!WebhookHmac.HexEquals(header, WebhookHmac.Compute("sha256", secret, body)))
        {
            return WebhookCheck.Fail(WebhookFailure.Mismatch, "the signature does not match the secret");
        }

        long? milliseconds = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            milliseconds = WebhookHmac.Integer(document.RootElement, "webhookTimestamp");
        }
        catch (JsonException)
        {
            // Reported below as a missing timestamp.
        }

        if (milliseconds is not { } ms)
        {
            return WebhookCheck.Fail(WebhookFailure.Malformed, "the body has no numeric webhookTimestamp");
        }

        return Math.Abs(now.ToUnixTimeMilliseconds() - ms) > (long)Tolerance.TotalMilliseconds
            ? WebhookCheck.Fail(WebhookFailure.StaleTimestamp, $"webhookTimestamp is more than {WebhookHmac.Seconds(Tolerance)} from now")
            : WebhookCheck.Ok;
    }

    public WebhookIdentity? Identify(WebhookHeaders headers, JsonElement body, ReadOnlySpan<byte> rawBody)
    {
        if (headers["Linear-Delivery"] is not { } id)
        {
            return null;
        }

        var entity = WebhookHmac.Text(body, "type") ?? headers["Linear-Event"] ?? "unknown";
        var type = WebhookHmac.Text(body, "action") is { } action ? $"{entity}.{action}" : entity;
        var created = WebhookHmac.Integer(body, "webhookTimestamp") is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        return new WebhookIdentity(id, type, created);
    }
}
