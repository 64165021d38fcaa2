using System.Text.Json;

namespace Greenhouse.Sources.GraphQL;

/// <summary>One page of a Relay connection: its nodes (views into the owned response document) and its <c>pageInfo</c>.</summary>
internal sealed class GraphQLConnectionPage(JsonDocument document, IReadOnlyList<JsonElement> nodes, bool hasNextPage, string? endCursor, DateTimeOffset servedAt) : IDisposable
{
    public IReadOnlyList<JsonElement> Nodes => nodes;

    public bool HasNextPage => hasNextPage;

    public string? EndCursor => endCursor;

    /// <summary>The server's <c>Date</c>, to the second: the instant the listing's snapshots describe.</summary>
    public DateTimeOffset ServedAt => servedAt;

    public void Dispose() => document.Dispose();
}
