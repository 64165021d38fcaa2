using System.Text.Json;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// The repositories a source covers: each organization's (<c>GET /orgs/{org}/repos</c>) and each named one
/// (<c>GET /repos/{owner}/{repo}</c>, so a missing one fails with its name). Resolved once per run and shared by
/// the streams; a failure is not cached, so each stream reports it. A named repository that was renamed or transferred
/// answers with a 301 to <c>/repositories/{id}</c>, which the client follows with the token; it is read under its new
/// name, and the run warns once that the config names it by the old one.
/// </summary>
internal sealed class GitHubRepositoryList(GitHubApi api, GitHubScope scope, string source)
{
    private readonly Lock _lock = new();
    private Task<IReadOnlyList<GitHubRepository>>? _resolving;
    private IReadOnlyList<string> _renamed = [];
    private int _warned;

    public Task<IReadOnlyList<GitHubRepository>> ResolveAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_resolving is null || _resolving.IsFaulted || _resolving.IsCanceled)
            {
                _resolving = FetchAsync(stream, cancellationToken);
            }

            return _resolving;
        }
    }

    /// <summary>
    /// The warnings of the resolved list (a configured name that GitHub now knows by another), once per run: the first
    /// stream to ask after <see cref="ResolveAsync"/> reports them on its first page, the others get none.
    /// </summary>
    public IReadOnlyList<string> TakeWarnings() => Interlocked.Exchange(ref _warned, 1) == 0 ? _renamed : [];

    private async Task<IReadOnlyList<GitHubRepository>> FetchAsync(string stream, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, GitHubRepository>(StringComparer.OrdinalIgnoreCase);
        foreach (var organization in scope.Organizations)
        {
            var what = $"organization '{organization}'";
            var url = $"orgs/{Uri.EscapeDataString(organization)}/repos?type=all&sort=full_name&per_page={GitHubApi.PageSize}";
            await foreach (var (page, _, _) in GitHubApi.Reader(stream, what).ReadAsync(
                url, (pageUrl, pageNumber, token) => api.GetPageAsync(stream, pageUrl!, null, pageNumber, what, token), cancellationToken))
            {
                foreach (var item in page.Items)
                {
                    var repository = new GitHubRepository(item.GetProperty("full_name").GetString()!, item.Clone(), page.ServedAt);
                    found.TryAdd(repository.FullName, repository);
                }
            }
        }

        var renamed = new List<string>();
        foreach (var name in scope.Repositories)
        {
            if (found.ContainsKey(name))
            {
                continue;
            }

            var served = DateTimeOffset.UtcNow;
            var item = await api.GetObjectAsync(stream, $"repos/{name}", $"repository '{name}'", cancellationToken);
            var fullName = item.TryGetProperty("full_name", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : name;
            found.TryAdd(fullName, new GitHubRepository(fullName, item, served, name));
            // GitHub names are case-insensitive: only another name is a rename.
            if (!string.Equals(fullName, name, StringComparison.OrdinalIgnoreCase))
            {
                renamed.Add($"repository {name} was renamed or moved to {fullName}; update sources.{source}.repositories");
            }
        }

        _renamed = renamed;
        return [.. found.Values.OrderBy(r => r.FullName, StringComparer.OrdinalIgnoreCase)];
    }
}
