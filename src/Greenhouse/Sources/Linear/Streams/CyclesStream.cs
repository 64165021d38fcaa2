using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Linear.Streams;

internal static class CyclesStream
{
    public static readonly GraphQLStreamDefinition Definition = LinearQuery.Stream(
        "cycles",
        "Linear cycles: the teams' time-boxed iterations",
        """
        id number name progress startsAt endsAt completedAt createdAt updatedAt archivedAt team { id key }
        """,
        [
            new("number", ColumnType.Integer) { Description = "the cycle's number within its team" },
            new("name", ColumnType.Text) { Description = "the cycle's name, if it has one" },
            new("team_key", ColumnType.Text, "team.key") { Indexed = true, Description = "the key of the cycle's team" },
            new("progress", ColumnType.Decimal) { Description = "the share of the cycle's scope that is done, from 0 to 1" },
            new("starts_at", ColumnType.Timestamp, "startsAt") { Description = "when the cycle starts" },
            new("ends_at", ColumnType.Timestamp, "endsAt") { Description = "when the cycle ends" },
            new("completed_at", ColumnType.Timestamp, "completedAt") { Description = "when the cycle was completed" },
            new("created_at", ColumnType.Timestamp, "createdAt") { Indexed = true, Description = "when the cycle was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt") { Description = "when the cycle last changed" },
            new("archived_at", ColumnType.Timestamp, "archivedAt") { Description = "when the cycle was archived" },
        ]);
}
