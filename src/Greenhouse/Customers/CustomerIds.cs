using System.Text.Json.Serialization;

namespace Greenhouse.Customers;

/// <summary>The person's ids in each vendor, as far as the landed tables link them; any of them finds the person again.</summary>
public sealed record CustomerIds(
    IReadOnlyList<string> StripeCustomers,
    IReadOnlyList<string> PlainCustomers,
    [property: JsonPropertyName("github_logins")] IReadOnlyList<string> GitHubLogins,
    IReadOnlyList<string> ButtondownSubscribers,
    IReadOnlyList<string> LinearUsers);
