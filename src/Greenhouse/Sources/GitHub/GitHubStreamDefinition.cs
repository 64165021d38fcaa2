namespace Greenhouse.Sources.GitHub;

/// <summary>
/// One per-repository list endpoint as a stream: <c>repos/{owner}/{repo}/<paramref name="PathSuffix"/>?<paramref name="Query"/></c>,
/// how it reads incrementally, and its typed columns.
/// </summary>
internal sealed record GitHubStreamDefinition(
    string Name,
    string Description,
    string PathSuffix,
    string Query,
    GitHubListing Listing,
    IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>A listing ordered by update follows <c>updated_at</c>; a snapshot (releases) is read whole every run.</summary>
    public StreamSpec Spec { get; } = new(Name, "id", Columns, Listing == GitHubListing.Snapshot ? null : "updated_at", Description);

    public StreamDescriptor Descriptor(string source) => new(source, Spec);

    public string FirstPage(string repository, string? since) =>
        $"repos/{repository}/{PathSuffix}?{Query}&per_page={GitHubApi.PageSize}{(since is null ? "" : "&since=" + Uri.EscapeDataString(since))}";
}
