namespace Greenhouse.Sources.GitHub;

/// <summary>Guards <c>Link</c>-header paging against a server that sends a page it already sent.</summary>
internal static class GitHubPaging
{
    public static void EnsureNew(HashSet<string> visited, string url, string stream, string what)
    {
        if (!visited.Add(url))
        {
            throw new SourceException(
                $"{stream}: GitHub's rel=\"next\" link for {what} points at a page already read ({url}); " +
                "stopping instead of looping forever. Nothing more was committed for it; rerun later or report it if it persists.");
        }
    }
}
