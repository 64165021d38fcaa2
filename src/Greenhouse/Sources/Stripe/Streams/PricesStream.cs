namespace Greenhouse.Sources.Stripe.Streams;

internal static class PricesStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "prices",
        "v1/prices",
        [
            new("product", ColumnType.Text),
            new("active", ColumnType.Boolean),
            new("currency", ColumnType.Text),
            new("unit_amount", ColumnType.Integer),
            new("type", ColumnType.Text),
            new("recurring_interval", ColumnType.Text, "recurring.interval"),
            new("recurring_interval_count", ColumnType.Integer, "recurring.interval_count"),
            new("nickname", ColumnType.Text),
            new("created", ColumnType.Timestamp),
        ],
        ["price.created", "price.updated", "price.deleted"]);
}
