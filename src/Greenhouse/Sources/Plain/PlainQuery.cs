using System.Text.Json;
using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain;

/// <summary>
/// The shape every Plain stream has: a connection read forward with <c>first</c>/<c>after</c>, as edges, its nodes'
/// <c>updatedAt</c> an <c>{iso8601}</c> object. A connection whose filter input has <c>updatedAt: DatetimeFilter</c>
/// (<paramref name="filterType"/>: <c>CustomersFilter</c>, <c>ThreadsFilter</c>) is read incrementally through the
/// <c>$filters</c> the paginator sets (<c>{updatedAt: {after: cursor − lookback}}</c>; team-plain/sdk
/// <c>packages/graphql/src/schema.graphql</c>: <c>DatetimeFilter { after: "≥ value", before: "&lt; value" }</c>); others
/// in full on every run. A stream states only its connection, the fields it reads and its typed columns; its name is
/// the connection's in snake case unless it says otherwise.
/// </summary>
internal static class PlainQuery
{
    public static GraphQLStreamDefinition Stream(
        string connection, string description, string fields, IReadOnlyList<ColumnSpec> columns, string? name = null, string? filterType = null) => new(
        name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(connection),
        description,
        connection,
        For(connection, fields, filterType),
        columns,
        Incremental: filterType is not null,
        UpdatedAtPath: "updatedAt.iso8601",
        FilterVariable: "filters",
        AfterOperator: "after");

    private static string For(string connection, string fields, string? filterType) => filterType is null
        ? $$"""
            query Greenhouse($first: Int!, $after: String) {
              {{connection}}(first: $first, after: $after) {
                edges { cursor node { {{fields}} } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """
        : $$"""
            query Greenhouse($first: Int!, $after: String, $filters: {{filterType}}) {
              {{connection}}(first: $first, after: $after, filters: $filters) {
                edges { cursor node { {{fields}} } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;
}
