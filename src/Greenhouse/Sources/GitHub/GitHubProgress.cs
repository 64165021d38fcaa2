using System.Text.Json.Nodes;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// Where a per-repository stream's run is, stored as the page checkpoint: the cursor map being built
/// (<c>{"acme/app":{"since":"…","etag":"…"}}</c>: each finished repository's new entry, the old ones for the rest),
/// the repositories finished this run, and within the current one the next page's URL, the newest
/// <c>updated_at</c> seen so far and the first page's ETag.
/// </summary>
internal sealed record GitHubProgress(JsonObject Repos, IReadOnlyList<string> Done, string? Repo, string? Next, string? Max, string? ETag)
{
    public static GitHubProgress Start(JsonNode? cursor) =>
        new(cursor?["repos"]?.DeepClone() as JsonObject ?? [], [], null, null, null, null);

    public static GitHubProgress From(JsonObject json) => new(
        json["repos"]?.DeepClone() as JsonObject ?? [],
        json["done"] is JsonArray done ? [.. done.Select(d => (string)d!)] : [],
        (string?)json["repo"],
        (string?)json["next"],
        (string?)json["max"],
        (string?)json["etag"]);

    public JsonObject ToJson() => new()
    {
        ["repos"] = Repos.DeepClone(),
        ["done"] = new JsonArray([.. Done.Select(d => (JsonNode)d)]),
        ["repo"] = Repo,
        ["next"] = Next,
        ["max"] = Max,
        ["etag"] = ETag,
    };

    /// <summary>The run's final cursor: one entry per repository.</summary>
    public JsonObject Cursor() => new() { ["repos"] = Repos.DeepClone() };
}
