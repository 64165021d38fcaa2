using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class ProjectsStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "projects",
        "Linear projects, archived ones included",
        """
        id name description state progress startDate targetDate url
        createdAt updatedAt startedAt completedAt canceledAt archivedAt lead { id email }
        """,
        [
            new("name", ColumnType.Text) { Description = "the project's name" },
            new("state", ColumnType.Text) { Description = "the type of the project's status: backlog, planned, started, paused, completed or canceled" },
            new("progress", ColumnType.Decimal) { Description = "the share of the project's scope that is done, from 0 to 1" },
            new("lead_id", ColumnType.Text, "lead.id") { References = "users", Description = "the id of the project's lead" },
            new("start_date", ColumnType.Text, "startDate") { Description = "the project's planned start date (YYYY-MM-DD)" },
            new("target_date", ColumnType.Text, "targetDate") { Description = "the project's target date (YYYY-MM-DD)" },
            new("created_at", ColumnType.Timestamp, "createdAt") { Indexed = true, Description = "when the project was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt") { Description = "when the project last changed" },
            new("completed_at", ColumnType.Timestamp, "completedAt") { Description = "when the project was completed" },
            new("canceled_at", ColumnType.Timestamp, "canceledAt") { Description = "when the project was canceled" },
            new("archived_at", ColumnType.Timestamp, "archivedAt") { Description = "when the project was archived" },
        ]);
}
