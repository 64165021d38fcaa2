using System.Text.Json.Nodes;

namespace Greenhouse.Customers;

/// <summary>The person's Buttondown subscribers and the newest one's <see cref="State"/> (its type: regular, premium, unsubscribed, churned…).</summary>
public sealed record NewsletterHistory(IReadOnlyList<JsonObject> Subscribers, string? State);
