namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Pull requests from the pulls list (merge details the issues list lacks). The pulls list has no <c>since</c>.</summary>
internal static class PullRequestsStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "pull_requests",
        "GitHub pull requests of the repositories, open and closed",
        "pulls",
        "state=all&sort=updated&direction=desc",
        GitHubListing.UpdatedDescending,
        [
            new("repository", ColumnType.Text, "base.repo.full_name") { Description = "the owner/name of the repository the pull request merges into" },
            new("number", ColumnType.Integer) { Description = "the pull request's number in its repository" },
            new("title", ColumnType.Text) { Description = "the pull request's title" },
            new("state", ColumnType.Text) { Description = "open or closed" },
            new("user_login", ColumnType.Text, "user.login") { Indexed = true, CaseInsensitive = true, Description = "the login of the user who opened the pull request" },
            new("draft", ColumnType.Boolean) { Description = "whether the pull request is a draft" },
            new("merged_at", ColumnType.Timestamp) { Description = "when the pull request was merged; null if it was not" },
            new("merge_commit_sha", ColumnType.Text) { Description = "the SHA of the merge commit" },
            new("created_at", ColumnType.Timestamp) { Indexed = true, Description = "when the pull request was opened" },
            new("updated_at", ColumnType.Timestamp) { Description = "when the pull request last changed" },
            new("closed_at", ColumnType.Timestamp) { Description = "when the pull request was closed" },
        ]);
}
