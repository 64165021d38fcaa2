namespace Greenhouse.Sandbox.Hooks;

/// <summary>One POST the webhook sink accepted: the path after <c>/hooks</c>, the content type and the body as text.</summary>
public sealed record HookDelivery(string Path, string? ContentType, string Body);
