namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Issues and pull requests (GitHub's issues list includes PRs; <c>pull_request_url</c> is set only for PRs).</summary>
internal static class IssuesStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "issues",
        "issues",
        "state=all&sort=updated&direction=asc",
        GitHubListing.SinceAscending,
        [
            new("repository_url", ColumnType.Text),
            new("number", ColumnType.Integer),
            new("title", ColumnType.Text),
            new("state", ColumnType.Text),
            new("user_login", ColumnType.Text, "user.login"),
            new("assignee_login", ColumnType.Text, "assignee.login"),
            // Set only for pull requests: the issues list has no boolean for it, and raw JSON stays raw.
            new("pull_request_url", ColumnType.Text, "pull_request.url"),
            new("comments", ColumnType.Integer),
            new("created_at", ColumnType.Timestamp),
            new("updated_at", ColumnType.Timestamp),
            new("closed_at", ColumnType.Timestamp),
        ]);
}
