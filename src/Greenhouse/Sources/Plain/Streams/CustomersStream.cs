using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain.Streams;

internal static class CustomersStream
{
    public static readonly GraphQLStreamDefinition Definition = PlainQuery.Stream(
        "customers",
        """
        id fullName shortName externalId email { email isVerified verifiedAt { iso8601 } }
        createdAt { iso8601 } updatedAt { iso8601 } markedAsSpamAt { iso8601 }
        """,
        [
            new("full_name", ColumnType.Text, "fullName"),
            new("email", ColumnType.Text, "email.email"),
            new("external_id", ColumnType.Text, "externalId"),
            new("created_at", ColumnType.Timestamp, "createdAt.iso8601"),
            new("updated_at", ColumnType.Timestamp, "updatedAt.iso8601"),
        ],
        filterType: "CustomersFilter");
}
