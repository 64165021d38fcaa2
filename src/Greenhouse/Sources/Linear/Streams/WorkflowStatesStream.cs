using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class WorkflowStatesStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "workflowStates",
        "id name type color position createdAt updatedAt archivedAt team { id key }",
        [
            new("name", ColumnType.Text),
            new("type", ColumnType.Text),
            new("position", ColumnType.Decimal),
            new("team_key", ColumnType.Text, "team.key"),
            new("created_at", ColumnType.Timestamp, "createdAt"),
            new("updated_at", ColumnType.Timestamp, "updatedAt"),
            new("archived_at", ColumnType.Timestamp, "archivedAt"),
        ]);
}
