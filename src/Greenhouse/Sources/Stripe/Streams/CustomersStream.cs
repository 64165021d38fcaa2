namespace Greenhouse.Sources.Stripe.Streams;

internal static class CustomersStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "customers",
        "Stripe customers: the people and companies you bill",
        "v1/customers",
        "customer",
        [
            new("email", ColumnType.Text) { Indexed = true, CaseInsensitive = true, Description = "Stripe customer's email address" },
            new("name", ColumnType.Text) { Description = "Stripe customer's full name or business name" },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the customer was created in Stripe" },
            new("currency", ColumnType.Text) { Description = "the currency the customer is billed in (ISO code, lower case)" },
            new("balance", ColumnType.Integer) { Description = "the customer's credit balance in the currency's minor unit (negative is a credit, positive is owed)" },
            new("delinquent", ColumnType.Boolean) { Description = "whether Stripe marks the customer delinquent (an invoice's payment failed)" },
        ],
        ["customer.created", "customer.updated", "customer.deleted"])
    {
        // "Permanently deletes a customer. It cannot be undone." (DELETE /v1/customers/{id}); retrieving it answers a deleted stub.
        RemovedBy = ["customer.deleted"],
    };
}
