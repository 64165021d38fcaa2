namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Comments on issues and pull requests of a repository.</summary>
internal static class IssueCommentsStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "issue_comments",
        "issues/comments",
        "sort=updated&direction=asc",
        GitHubListing.SinceAscending,
        [
            new("issue_url", ColumnType.Text),
            new("user_login", ColumnType.Text, "user.login"),
            new("author_association", ColumnType.Text),
            new("created_at", ColumnType.Timestamp),
            new("updated_at", ColumnType.Timestamp),
        ]);
}
