using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class IssuesStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "issues",
        """
        id identifier title description priority estimate dueDate url
        createdAt updatedAt startedAt completedAt canceledAt archivedAt
        state { id name type } assignee { id name email } creator { id email }
        labels { nodes { id name } } project { id name } cycle { id number } team { id key }
        """,
        [
            new("identifier", ColumnType.Text),
            new("title", ColumnType.Text),
            new("state_name", ColumnType.Text, "state.name"),
            new("state_type", ColumnType.Text, "state.type"),
            new("assignee_id", ColumnType.Text, "assignee.id"),
            new("assignee_email", ColumnType.Text, "assignee.email"),
            new("first_label", ColumnType.Text, "labels.nodes.0.name"),
            new("description", ColumnType.Text),
            new("due_date", ColumnType.Text, "dueDate"),
            new("project_id", ColumnType.Text, "project.id"),
            new("cycle_id", ColumnType.Text, "cycle.id"),
            new("team_key", ColumnType.Text, "team.key"),
            new("estimate", ColumnType.Decimal),
            new("priority", ColumnType.Integer),
            new("created_at", ColumnType.Timestamp, "createdAt"),
            new("updated_at", ColumnType.Timestamp, "updatedAt"),
            new("completed_at", ColumnType.Timestamp, "completedAt"),
            new("canceled_at", ColumnType.Timestamp, "canceledAt"),
            new("archived_at", ColumnType.Timestamp, "archivedAt"),
        ]);
}
