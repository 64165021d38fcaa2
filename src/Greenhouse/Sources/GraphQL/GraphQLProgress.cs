using System.Text.Json.Nodes;

namespace Greenhouse.Sources.GraphQL;

/// <summary>
/// Where a GraphQL stream's run is: the lower bound of its <c>updatedAt</c> filter (fixed for the run, so a resumed
/// run pages the same listing), the <c>endCursor</c> to continue after, and the latest <c>updatedAt</c> seen so far.
/// Stored as the page checkpoint.
/// </summary>
internal sealed record GraphQLProgress(string? UpdatedAfter, string? After, string? MaxUpdatedAt)
{
    public static GraphQLProgress From(JsonObject json) =>
        new((string?)json["updated_after"], (string?)json["after"], (string?)json["max_updated_at"]);

    public JsonObject ToJson() => new()
    {
        ["updated_after"] = UpdatedAfter,
        ["after"] = After,
        ["max_updated_at"] = MaxUpdatedAt,
    };
}
