namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Releases of a repository (no update order: listed in full unless the ETag says nothing changed).</summary>
internal static class ReleasesStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "releases",
        "releases",
        "",
        GitHubListing.Snapshot,
        [
            new("url", ColumnType.Text),
            new("tag_name", ColumnType.Text),
            new("name", ColumnType.Text),
            new("draft", ColumnType.Boolean),
            new("prerelease", ColumnType.Boolean),
            new("author_login", ColumnType.Text, "author.login"),
            new("created_at", ColumnType.Timestamp),
            new("published_at", ColumnType.Timestamp),
        ]);
}
