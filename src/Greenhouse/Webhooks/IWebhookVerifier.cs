using System.Text.Json;

namespace Greenhouse.Webhooks;

/// <summary>One vendor's webhook signature scheme, exactly as the vendor computes it, and where it puts the event's identity.</summary>
internal interface IWebhookVerifier
{
    /// <summary>Checks the signature over the exact request bytes (and the timestamp, where the scheme has one).</summary>
    WebhookCheck Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, string secret, DateTimeOffset now);

    /// <summary>The event's id and type from a verified delivery; null when the delivery carries no id.</summary>
    WebhookIdentity? Identify(WebhookHeaders headers, JsonElement body, ReadOnlySpan<byte> rawBody);
}
