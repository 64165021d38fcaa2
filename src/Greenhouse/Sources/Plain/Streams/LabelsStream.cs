using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain.Streams;

/// <summary>The workspace's label types (what a thread's labels point at).</summary>
internal static class LabelsStream
{
    public static readonly GraphQLStreamDefinition Definition = PlainQuery.Stream(
        "labelTypes",
        "id name icon isArchived archivedAt { iso8601 } createdAt { iso8601 } updatedAt { iso8601 }",
        [
            new("name", ColumnType.Text),
            new("is_archived", ColumnType.Boolean, "isArchived"),
            new("archived_at", ColumnType.Timestamp, "archivedAt.iso8601"),
            new("created_at", ColumnType.Timestamp, "createdAt.iso8601"),
            new("updated_at", ColumnType.Timestamp, "updatedAt.iso8601"),
        ],
        name: "labels");
}
