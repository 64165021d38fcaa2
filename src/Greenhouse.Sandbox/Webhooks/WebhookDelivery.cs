namespace Greenhouse.Sandbox.Webhooks;

/// <summary>
/// How <see cref="WebhookSender.SendStripeEventsAsync"/> and <see cref="WebhookSender.SendEventsAsync"/> deliver a set
/// of events: <paramref name="Replay"/> sends each one twice (the second time as a retry: a new timestamp or delivery
/// attempt, the same event id), <paramref name="Reorder"/> sends them newest first (older snapshots after newer ones),
/// <paramref name="Tamper"/> spoils every signature the same way.
/// </summary>
public sealed record WebhookDelivery(bool Replay = false, bool Reorder = false, WebhookTamper Tamper = WebhookTamper.None);
