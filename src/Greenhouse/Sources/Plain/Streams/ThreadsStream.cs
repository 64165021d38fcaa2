using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain.Streams;

internal static class ThreadsStream
{
    public static readonly GraphQLStreamDefinition Definition = PlainQuery.Stream(
        "threads",
        """
        id externalId title description previewText status priority statusChangedAt { iso8601 }
        customer { id } labels { id labelType { id name } } assignedAt { iso8601 }
        createdAt { iso8601 } updatedAt { iso8601 }
        """,
        [
            new("title", ColumnType.Text),
            new("status", ColumnType.Text),
            new("priority", ColumnType.Integer),
            new("customer_id", ColumnType.Text, "customer.id"),
            new("first_label", ColumnType.Text, "labels.0.labelType.name"),
            new("status_changed_at", ColumnType.Timestamp, "statusChangedAt.iso8601"),
            new("created_at", ColumnType.Timestamp, "createdAt.iso8601"),
            new("updated_at", ColumnType.Timestamp, "updatedAt.iso8601"),
        ],
        filterType: "ThreadsFilter");
}
