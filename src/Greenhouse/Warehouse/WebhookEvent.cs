namespace Greenhouse.Warehouse;

/// <summary>
/// One verified webhook delivery as <c>_gh_events</c> keeps it: the configured source's name, the vendor's event id
/// (the dedupe key with <paramref name="Source"/>), its type, when the vendor says it happened, and the raw body.
/// </summary>
/// <param name="PayloadJson">The request body exactly as received (valid JSON).</param>
public sealed record WebhookEvent(string Source, string EventId, string Type, DateTimeOffset? Created, string PayloadJson);
