using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class TeamsStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "teams",
        "Linear teams of the workspace",
        "id key name description private createdAt updatedAt archivedAt",
        [
            new("key", ColumnType.Text) { Description = "the team's key, the prefix of its issue identifiers (ENG)" },
            new("name", ColumnType.Text) { Description = "the team's name" },
            new("private", ColumnType.Boolean) { Description = "whether the team is private" },
            new("created_at", ColumnType.Timestamp, "createdAt") { Indexed = true, Description = "when the team was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt") { Description = "when the team last changed" },
            new("archived_at", ColumnType.Timestamp, "archivedAt") { Description = "when the team was archived" },
        ]);
}
