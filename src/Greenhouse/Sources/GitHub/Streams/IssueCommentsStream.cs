namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Comments on issues and pull requests of a repository.</summary>
internal static class IssueCommentsStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "issue_comments",
        "GitHub comments on the repositories' issues and pull requests",
        "issues/comments",
        "sort=updated&direction=asc",
        GitHubListing.SinceAscending,
        [
            new("issue_url", ColumnType.Text) { Description = "the API URL of the commented issue or pull request" },
            new("user_login", ColumnType.Text, "user.login") { Indexed = true, Description = "the login of the comment's author" },
            new("author_association", ColumnType.Text) { Description = "the author's relation to the repository: OWNER, MEMBER, CONTRIBUTOR, NONE, …" },
            new("created_at", ColumnType.Timestamp) { Indexed = true, Description = "when the comment was written" },
            new("updated_at", ColumnType.Timestamp) { Description = "when the comment was last edited" },
        ]);
}
