namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Issues and pull requests (GitHub's issues list includes PRs; <c>pull_request_url</c> is set only for PRs).</summary>
internal static class IssuesStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "issues",
        "GitHub issues of the repositories, pull requests included (GitHub lists them as issues)",
        "issues",
        "state=all&sort=updated&direction=asc",
        GitHubListing.SinceAscending,
        [
            new("repository_url", ColumnType.Text) { Description = "the API URL of the issue's repository" },
            new("number", ColumnType.Integer) { Description = "the issue's number in its repository" },
            new("title", ColumnType.Text) { Description = "the issue's title" },
            new("state", ColumnType.Text) { Description = "open or closed" },
            new("user_login", ColumnType.Text, "user.login") { Indexed = true, CaseInsensitive = true, Description = "the login of the user who opened the issue" },
            new("assignee_login", ColumnType.Text, "assignee.login") { Description = "the login of the issue's assignee, if any" },
            // Set only for pull requests: the issues list has no boolean for it, and raw JSON stays raw.
            new("pull_request_url", ColumnType.Text, "pull_request.url") { Description = "the API URL of the pull request, set only when the issue is a pull request" },
            new("comments", ColumnType.Integer) { Description = "how many comments the issue has" },
            new("created_at", ColumnType.Timestamp) { Indexed = true, Description = "when the issue was opened" },
            new("updated_at", ColumnType.Timestamp) { Description = "when the issue last changed" },
            new("closed_at", ColumnType.Timestamp) { Description = "when the issue was closed" },
        ]);
}
