using System.Text.Json.Nodes;

namespace Greenhouse.Customers;

/// <summary>
/// The person in Linear: their workspace users (when they are on the team) and the issues they requested (newest
/// first): issues whose description names their email or one of their Stripe customer ids.
/// </summary>
public sealed record BacklogHistory(IReadOnlyList<JsonObject> Users, IReadOnlyList<JsonObject> RequestedIssues, string MatchedBy);
