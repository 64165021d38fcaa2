namespace Greenhouse.Sources.GitHub;

/// <summary>
/// One per-repository list endpoint as a stream: <c>repos/{owner}/{repo}/<paramref name="PathSuffix"/>?<paramref name="Query"/></c>,
/// how it reads incrementally, and its typed columns.
/// </summary>
internal sealed record GitHubStreamDefinition(
    string Name,
    string PathSuffix,
    string Query,
    GitHubListing Listing,
    IReadOnlyList<ColumnSpec> Columns)
{
    public StreamDescriptor Descriptor(string source) => new(source, Name, "id", Columns);

    public string FirstPage(string repository, string? since) =>
        $"repos/{repository}/{PathSuffix}?{Query}&per_page={GitHubApi.PageSize}{(since is null ? "" : "&since=" + Uri.EscapeDataString(since))}";
}
