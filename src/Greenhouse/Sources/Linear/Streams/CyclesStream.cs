using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class CyclesStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "cycles",
        """
        id number name progress startsAt endsAt completedAt createdAt updatedAt archivedAt team { id key }
        """,
        [
            new("number", ColumnType.Integer),
            new("name", ColumnType.Text),
            new("team_key", ColumnType.Text, "team.key"),
            new("progress", ColumnType.Decimal),
            new("starts_at", ColumnType.Timestamp, "startsAt"),
            new("ends_at", ColumnType.Timestamp, "endsAt"),
            new("completed_at", ColumnType.Timestamp, "completedAt"),
            new("created_at", ColumnType.Timestamp, "createdAt"),
            new("updated_at", ColumnType.Timestamp, "updatedAt"),
            new("archived_at", ColumnType.Timestamp, "archivedAt"),
        ]);
}
