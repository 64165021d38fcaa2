using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class ProjectsStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "projects",
        """
        id name description state progress startDate targetDate url
        createdAt updatedAt startedAt completedAt canceledAt archivedAt lead { id email }
        """,
        [
            new("name", ColumnType.Text),
            new("state", ColumnType.Text),
            new("progress", ColumnType.Decimal),
            new("lead_id", ColumnType.Text, "lead.id"),
            new("start_date", ColumnType.Text, "startDate"),
            new("target_date", ColumnType.Text, "targetDate"),
            new("created_at", ColumnType.Timestamp, "createdAt"),
            new("updated_at", ColumnType.Timestamp, "updatedAt"),
            new("completed_at", ColumnType.Timestamp, "completedAt"),
            new("canceled_at", ColumnType.Timestamp, "canceledAt"),
            new("archived_at", ColumnType.Timestamp, "archivedAt"),
        ]);
}
