namespace Greenhouse.Sources.Plain;

/// <summary>
/// The shape every Plain stream's query has: a connection read forward with <c>first</c>/<c>after</c>, as edges,
/// and — for connections whose filter input has <c>updatedAt: DatetimeFilter</c> (<c>CustomersFilter</c>,
/// <c>ThreadsFilter</c>) — the <c>$filters</c> the paginator sets on incremental runs
/// (team-plain/sdk <c>packages/graphql/src/schema.graphql</c>: <c>DatetimeFilter { after: "≥ value", before: "&lt; value" }</c>).
/// </summary>
internal static class PlainQuery
{
    public static string For(string connection, string fields) => $$"""
        query Greenhouse($first: Int!, $after: String) {
          {{connection}}(first: $first, after: $after) {
            edges { cursor node { {{fields}} } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public static string Filtered(string connection, string filterType, string fields) => $$"""
        query Greenhouse($first: Int!, $after: String, $filters: {{filterType}}) {
          {{connection}}(first: $first, after: $after, filters: $filters) {
            edges { cursor node { {{fields}} } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
}
