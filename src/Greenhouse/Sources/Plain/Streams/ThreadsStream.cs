using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain.Streams;

internal static class ThreadsStream
{
    public static readonly GraphQLStreamDefinition Definition = PlainQuery.Stream(
        "threads",
        "Plain threads: support conversations with a customer",
        """
        id externalId title description previewText status priority statusChangedAt { iso8601 }
        customer { id } labels { id labelType { id name } } assignedAt { iso8601 }
        createdAt { iso8601 } updatedAt { iso8601 }
        """,
        [
            new("title", ColumnType.Text) { Description = "the thread's title" },
            new("status", ColumnType.Text) { Description = "TODO, SNOOZED or DONE" },
            new("priority", ColumnType.Integer) { Description = "0 urgent, 1 high, 2 normal, 3 low" },
            new("customer_id", ColumnType.Text, "customer.id") { References = "customers", Description = "the id of the thread's customer" },
            new("first_label", ColumnType.Text, "labels.0.labelType.name") { Description = "the name of the thread's first label" },
            new("status_changed_at", ColumnType.Timestamp, "statusChangedAt.iso8601") { Description = "when the thread's status last changed" },
            new("created_at", ColumnType.Timestamp, "createdAt.iso8601") { Indexed = true, Description = "when the thread was created" },
            new("updated_at", ColumnType.Timestamp, "updatedAt.iso8601") { Description = "when the thread last changed" },
        ],
        filterType: "ThreadsFilter");
}
