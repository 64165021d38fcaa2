using System.Text.Json.Nodes;

namespace Greenhouse.Customers;

/// <summary>The GitHub issues and pull requests the person opened (newest first), under the logins linked to them and how they were linked.</summary>
public sealed record CodeHistory(IReadOnlyList<string> Logins, IReadOnlyList<JsonObject> Issues, IReadOnlyList<JsonObject> PullRequests, string MatchedBy);
