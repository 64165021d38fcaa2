namespace Greenhouse.Sources.Linear;

/// <summary>
/// The shape every Linear stream's query has: a connection read forward by <c>updatedAt</c>, archived entities
/// included, with the <c>$filter</c> the paginator sets on incremental runs.
/// </summary>
internal static class LinearQuery
{
    public static string For(string connection, string filterType, string fields) => $$"""
        query Greenhouse($first: Int!, $after: String, $filter: {{filterType}}) {
          {{connection}}(first: $first, after: $after, filter: $filter, orderBy: updatedAt, includeArchived: true) {
            nodes { {{fields}} }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
}
