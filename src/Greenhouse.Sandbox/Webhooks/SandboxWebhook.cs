using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.Webhooks;

/// <summary>
/// One webhook a sandbox fake emits for a change of its data, before it is sent: the <paramref name="Vendor"/>
/// (<c>github</c>, <c>linear</c> or <c>plain</c>), its <paramref name="Type"/> and <paramref name="Id"/> as the
/// vendor's headers carry them (<c>X-GitHub-Event</c>/<c>X-GitHub-Delivery</c>, <c>Linear-Event</c>/<c>Linear-Delivery</c>,
/// <c>Plain-Event-Type</c>/<c>Plain-Event-Id</c>), and the body. <see cref="WebhookSender.SendAsync"/> stamps the
/// delivery's own fields (Linear's <c>webhookTimestamp</c>, Plain's <c>webhookMetadata</c>) and signs it.
/// </summary>
public sealed record SandboxWebhook(string Vendor, string Type, string Id, JsonObject Body);
