using System.Text.Json;
using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain;

/// <summary>
/// The shape every Plain stream has: a connection read forward with <c>first</c>/<c>after</c>, as edges, in full on
/// every run (Plain's incremental filters are not confirmed), its nodes' <c>updatedAt</c> an <c>{iso8601}</c> object.
/// A stream states only its connection, the fields it reads and its typed columns; its name is the connection's in
/// snake case unless it says otherwise.
/// </summary>
internal static class PlainQuery
{
    public static GraphQLStreamDefinition Stream(string connection, string fields, IReadOnlyList<ColumnSpec> columns, string? name = null) => new(
        name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(connection),
        connection,
        For(connection, fields),
        columns,
        Incremental: false,
        UpdatedAtPath: "updatedAt.iso8601");

    public static string For(string connection, string fields) => $$"""
        query Greenhouse($first: Int!, $after: String) {
          {{connection}}(first: $first, after: $after) {
            edges { cursor node { {{fields}} } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
}
