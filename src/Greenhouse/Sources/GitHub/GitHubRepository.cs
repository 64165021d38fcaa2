using System.Text.Json;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// A repository a source covers, as GitHub described it when the run resolved it. <paramref name="ConfiguredAs"/> is the
/// name the source's <c>repositories</c> gave it (null when an organization's listing found it): it differs from
/// <paramref name="FullName"/> when the repository was renamed or transferred since.
/// </summary>
internal sealed record GitHubRepository(string FullName, JsonElement Payload, DateTimeOffset ServedAt, string? ConfiguredAs = null);
