using System.Text.Json;

namespace Greenhouse.Sources.GitHub;

/// <summary>A repository a source covers, as GitHub described it when the run resolved it.</summary>
internal sealed record GitHubRepository(string FullName, JsonElement Payload, DateTimeOffset ServedAt);
