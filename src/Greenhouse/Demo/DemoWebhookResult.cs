namespace Greenhouse.Demo;

/// <summary>What the demo's webhook step did: which customer changed, what the receiver answered.</summary>
public sealed record DemoWebhookResult(string CustomerId, string NewEmail, string EventType, int HttpStatus, string Outcome);
