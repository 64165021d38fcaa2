using System.Text.Json;
using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear;

/// <summary>
/// The shape every Linear stream has: a connection read forward by <c>updatedAt</c>, archived entities included,
/// with the <c>$filter</c> the paginator sets on incremental runs. A stream states only its connection, the fields
/// it reads and its typed columns; its name is the connection's in snake case (<c>workflowStates</c> →
/// <c>workflow_states</c>) and its filter is the entity's (<c>IssueFilter</c>).
/// </summary>
internal static class LinearQuery
{
    public static GraphQLStreamDefinition Stream(string connection, string description, string fields, IReadOnlyList<ColumnSpec> columns) => new(
        JsonNamingPolicy.SnakeCaseLower.ConvertName(connection),
        description,
        connection,
        For(connection, FilterType(connection), fields),
        columns,
        Incremental: true);

    public static string For(string connection, string filterType, string fields) => $$"""
        query Greenhouse($first: Int!, $after: String, $filter: {{filterType}}) {
          {{connection}}(first: $first, after: $after, filter: $filter, orderBy: updatedAt, includeArchived: true) {
            nodes { {{fields}} }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    /// <summary>The filter input type of a connection of entities: <c>workflowStates</c> → <c>WorkflowStateFilter</c>.</summary>
    private static string FilterType(string connection) => connection.EndsWith('s')
        ? $"{char.ToUpperInvariant(connection[0])}{connection[1..^1]}Filter"
        : throw new ArgumentException($"'{connection}' is not a plural connection name; Linear names its filter after the entity.", nameof(connection));
}
