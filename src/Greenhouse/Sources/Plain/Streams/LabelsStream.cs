using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain.Streams;

/// <summary>The workspace's label types (what a thread's labels point at).</summary>
internal static class LabelsStream
{
    public static readonly GraphQLStreamDefinition Definition = PlainQuery.Stream(
        "labelTypes",
        "Plain label types: the labels threads can carry",
        "id name icon isArchived archivedAt { iso8601 } createdAt { iso8601 } updatedAt { iso8601 }",
        [
            new("name", ColumnType.Text) { Description = "the label's name" },
            new("is_archived", ColumnType.Boolean, "isArchived") { Description = "whether the label type is archived" },
            new("archived_at", ColumnType.Timestamp, "archivedAt.iso8601") { Description = "when the label type was archived" },
            new("created_at", ColumnType.Timestamp, "createdAt.iso8601") { Indexed = true, Description = "when the label type was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt.iso8601") { Description = "when the label type last changed" },
        ],
        name: "labels");
}
