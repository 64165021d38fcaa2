using System.Text.Json.Serialization;

namespace Greenhouse.Customers;

/// <summary>
/// Everything the warehouse knows of one person, by source. A section is null when its source is not configured or not
/// synced yet; <see cref="Timeline"/> merges every section's events, newest first; <see cref="Notes"/> says what was
/// left out or cut, and how uncertain links (a GitHub login) were made.
/// </summary>
public sealed record CustomerRecord(
    string? Email,
    string? Name,
    CustomerIdentity Identity,
    CustomerIds Ids,
    BillingHistory? Stripe,
    LifetimeValue? LifetimeValue,
    SupportHistory? Plain,
    NewsletterHistory? Buttondown,
    [property: JsonPropertyName("github")] CodeHistory? GitHub,
    BacklogHistory? Linear,
    string? Sentry,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<string> Notes);
