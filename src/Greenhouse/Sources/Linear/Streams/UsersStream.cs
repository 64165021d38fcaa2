using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class UsersStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "users",
        "id name displayName email active admin guest createdAt updatedAt archivedAt",
        [
            new("email", ColumnType.Text),
            new("name", ColumnType.Text),
            new("display_name", ColumnType.Text, "displayName"),
            new("active", ColumnType.Boolean),
            new("admin", ColumnType.Boolean),
            new("created_at", ColumnType.Timestamp, "createdAt"),
            new("updated_at", ColumnType.Timestamp, "updatedAt"),
            new("archived_at", ColumnType.Timestamp, "archivedAt"),
        ]);
}
