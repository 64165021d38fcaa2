using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class WorkflowStatesStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "workflowStates",
        "Linear workflow states: the statuses an issue of a team moves through",
        "id name type color position createdAt updatedAt archivedAt team { id key }",
        [
            new("name", ColumnType.Text) { Description = "the state's name (In Progress)" },
            new("type", ColumnType.Text) { Description = "the state's type: triage, backlog, unstarted, started, completed or canceled" },
            new("position", ColumnType.Decimal) { Description = "the state's position in its team's workflow" },
            new("team_key", ColumnType.Text, "team.key") { Indexed = true, Description = "the key of the state's team" },
            new("created_at", ColumnType.Timestamp, "createdAt") { Indexed = true, Description = "when the state was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt") { Description = "when the state last changed" },
            new("archived_at", ColumnType.Timestamp, "archivedAt") { Description = "when the state was archived" },
        ]);
}
