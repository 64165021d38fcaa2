namespace Greenhouse.Sandbox.Demo;

/// <summary>What a demo webhook step did: which object changed and its new value, what the receiver answered.</summary>
public sealed record DemoWebhookResult(string ObjectId, string NewValue, string EventType, int HttpStatus, string Outcome);
