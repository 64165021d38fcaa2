namespace Greenhouse.Serve.Webhooks;

/// <summary>The body of a 2xx webhook answer: <c>{"status":"applied"}</c> (applied, duplicate, stale, unchanged, deleted, stored).</summary>
public sealed record WebhookAck(string Status);
