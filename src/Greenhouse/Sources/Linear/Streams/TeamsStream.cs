using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class TeamsStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "teams",
        "id key name description private createdAt updatedAt archivedAt",
        [
            new("key", ColumnType.Text),
            new("name", ColumnType.Text),
            new("private", ColumnType.Boolean),
            new("created_at", ColumnType.Timestamp, "createdAt"),
            new("updated_at", ColumnType.Timestamp, "updatedAt"),
            new("archived_at", ColumnType.Timestamp, "archivedAt"),
        ]);
}
