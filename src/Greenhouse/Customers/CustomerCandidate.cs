namespace Greenhouse.Customers;

/// <summary>One person an ambiguous search matched: their email (null for a GitHub login linked to no email), name, and what matched.</summary>
/// <param name="MatchedBy">What of theirs matched the search: <c>name in stripe.customers</c>, <c>github login</c>…</param>
public sealed record CustomerCandidate(string? Email, string? Name, IReadOnlyList<string> MatchedBy);
