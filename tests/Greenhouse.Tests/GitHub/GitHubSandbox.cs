using System.Globalization;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.GitHub;

/// <summary>What the fake GitHub holds, in the terms a github source's tables use.</summary>
internal static class GitHubSandbox
{
    public static readonly string[] Streams = ["repositories", "issues", "pull_requests", "issue_comments", "releases"];

    /// <summary>The ids the fake holds for <paramref name="stream"/> across <paramref name="repositories"/> (all by default).</summary>
    public static HashSet<string> ExpectedIds(this SourceHarness harness, string stream, params string[] repositories)
    {
        var data = harness.Sandbox.GitHub.Data;
        return [.. (repositories.Length == 0 ? data.Repositories : repositories).SelectMany(r => stream == "repositories"
            ? [data.RepositoryId(r).ToString(CultureInfo.InvariantCulture)]
            : data.Ids(stream, r))];
    }
}
