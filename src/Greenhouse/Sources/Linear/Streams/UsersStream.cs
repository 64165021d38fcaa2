using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class UsersStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "users",
        "Linear users of the workspace",
        "id name displayName email active admin guest createdAt updatedAt archivedAt",
        [
            new("email", ColumnType.Text) { Indexed = true, CaseInsensitive = true, Description = "the user's email address" },
            new("name", ColumnType.Text) { Description = "the user's full name" },
            new("display_name", ColumnType.Text, "displayName") { Description = "the user's display name, unique in the workspace" },
            new("active", ColumnType.Boolean) { Description = "whether the user's account is active" },
            new("admin", ColumnType.Boolean) { Description = "whether the user is a workspace admin" },
            new("created_at", ColumnType.Timestamp, "createdAt") { Indexed = true, Description = "when the user was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt") { Description = "when the user last changed" },
            new("archived_at", ColumnType.Timestamp, "archivedAt") { Description = "when the user was archived" },
        ]);
}
