namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Releases of a repository (no update order: listed in full unless the ETag says nothing changed).</summary>
internal static class ReleasesStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "releases",
        "GitHub releases of the repositories, drafts included",
        "releases",
        "",
        GitHubListing.Snapshot,
        [
            new("url", ColumnType.Text) { Description = "the release's API URL (it names the repository)" },
            new("tag_name", ColumnType.Text) { Description = "the git tag the release is made from" },
            new("name", ColumnType.Text) { Description = "the release's title" },
            new("draft", ColumnType.Boolean) { Description = "whether the release is an unpublished draft" },
            new("prerelease", ColumnType.Boolean) { Description = "whether the release is marked as a pre-release" },
            new("author_login", ColumnType.Text, "author.login") { Description = "the login of the user who created the release" },
            new("created_at", ColumnType.Timestamp) { Indexed = true, Description = "when the release's commit was created" },
            new("published_at", ColumnType.Timestamp) { Description = "when the release was published" },
        ]);
}
