namespace Greenhouse.Sources.GitHub.Streams;

/// <summary>Pull requests from the pulls list (merge details the issues list lacks). The pulls list has no <c>since</c>.</summary>
internal static class PullRequestsStream
{
    public static readonly GitHubStreamDefinition Definition = new(
        "pull_requests",
        "pulls",
        "state=all&sort=updated&direction=desc",
        GitHubListing.UpdatedDescending,
        [
            new("repository", ColumnType.Text, "base.repo.full_name"),
            new("number", ColumnType.Integer),
            new("title", ColumnType.Text),
            new("state", ColumnType.Text),
            new("user_login", ColumnType.Text, "user.login"),
            new("draft", ColumnType.Boolean),
            new("merged_at", ColumnType.Timestamp),
            new("merge_commit_sha", ColumnType.Text),
            new("created_at", ColumnType.Timestamp),
            new("updated_at", ColumnType.Timestamp),
            new("closed_at", ColumnType.Timestamp),
        ]);
}
