namespace Greenhouse.Webhooks;

/// <summary>Which event a verified delivery is: the vendor's id (the dedupe key), its type, and when it happened if said.</summary>
internal sealed record WebhookIdentity(string EventId, string Type, DateTimeOffset? Created);
