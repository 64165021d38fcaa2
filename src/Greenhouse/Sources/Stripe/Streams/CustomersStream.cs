namespace Greenhouse.Sources.Stripe.Streams;

internal static class CustomersStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "customers",
        "v1/customers",
        [
            new("email", ColumnType.Text),
            new("name", ColumnType.Text),
            new("created", ColumnType.Timestamp),
            new("currency", ColumnType.Text),
            new("balance", ColumnType.Integer),
            new("delinquent", ColumnType.Boolean),
        ],
        ["customer.created", "customer.updated", "customer.deleted"]);
}
