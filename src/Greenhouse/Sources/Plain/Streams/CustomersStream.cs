using Greenhouse.Sources.GraphQL;

namespace Greenhouse.Sources.Plain.Streams;

internal static class CustomersStream
{
    public static readonly GraphQLStreamDefinition Definition = PlainQuery.Stream(
        "customers",
        "Plain customers: the people who contact your support",
        """
        id fullName shortName externalId email { email isVerified verifiedAt { iso8601 } }
        createdAt { iso8601 } updatedAt { iso8601 } markedAsSpamAt { iso8601 }
        """,
        [
            new("full_name", ColumnType.Text, "fullName") { Description = "the customer's full name" },
            new("email", ColumnType.Text, "email.email") { Indexed = true, CaseInsensitive = true, Description = "the customer's email address" },
            new("external_id", ColumnType.Text, "externalId") { Indexed = true, Description = "the customer's id in your own systems, if set" },
            new("created_at", ColumnType.Timestamp, "createdAt.iso8601") { Indexed = true, Description = "when the customer was created in Plain" },
            new("updated_at", ColumnType.Timestamp, "updatedAt.iso8601") { Description = "when the customer last changed" },
        ],
        filterType: "CustomersFilter");
}
