using Greenhouse.Config;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// Which repositories a source reads: <c>repositories: acme/app, acme/site</c> and/or <c>organizations: acme</c>
/// (comma-separated, since connector settings are scalars). At least one must be given.
/// </summary>
internal sealed record GitHubScope(IReadOnlyList<string> Repositories, IReadOnlyList<string> Organizations)
{
    public static GitHubScope From(SourceConfig config)
    {
        var repositories = Split(config.Setting("repositories"));
        var organizations = Split(config.Setting("organizations"));
        if (repositories.Count == 0 && organizations.Count == 0)
        {
            throw new ConfigException(
                $"sources.{config.Name}: a github source needs 'repositories: owner/repo, …' or 'organizations: org, …' (comma-separated).");
        }

        foreach (var repository in repositories)
        {
            var parts = repository.Split('/');
            if (parts.Length != 2 || parts.Any(p => p.Length == 0))
            {
                throw new ConfigException($"sources.{config.Name}.repositories: '{repository}' is not owner/repo (e.g. acme/app).");
            }
        }

        return new GitHubScope(repositories, organizations);
    }

    /// <summary>Whether the repository <paramref name="fullName"/> (owner/repo) is one the source reads.</summary>
    public bool Covers(string fullName) =>
        Repositories.Contains(fullName, StringComparer.OrdinalIgnoreCase)
        || (fullName.Split('/') is [var owner, _] && Organizations.Contains(owner, StringComparer.OrdinalIgnoreCase));

    private static List<string> Split(string? value) =>
        value is null ? [] : [.. value.Trim('[', ']', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
