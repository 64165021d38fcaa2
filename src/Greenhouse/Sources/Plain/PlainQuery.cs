namespace Greenhouse.Sources.Plain;

/// <summary>The shape every Plain stream's query has: a connection read forward with <c>first</c>/<c>after</c>, as edges.</summary>
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
}
