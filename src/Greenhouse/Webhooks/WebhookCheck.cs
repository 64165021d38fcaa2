namespace Greenhouse.Webhooks;

/// <summary>A signature check's verdict: <see cref="Failure"/> null means verified. <see cref="Reason"/> never holds a secret or signature.</summary>
internal readonly record struct WebhookCheck(WebhookFailure? Failure, string Reason)
{
    public static WebhookCheck Ok { get; } = new(null, "verified");

    public bool Verified => Failure is null;

    public static WebhookCheck Fail(WebhookFailure failure, string reason) => new(failure, reason);
}
