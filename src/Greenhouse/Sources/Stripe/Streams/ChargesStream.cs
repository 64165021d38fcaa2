namespace Greenhouse.Sources.Stripe.Streams;

internal static class ChargesStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "charges",
        "v1/charges",
        [
            new("customer", ColumnType.Text),
            new("invoice", ColumnType.Text),
            new("payment_intent", ColumnType.Text),
            new("amount", ColumnType.Integer),
            new("amount_refunded", ColumnType.Integer),
            new("currency", ColumnType.Text),
            new("status", ColumnType.Text),
            new("paid", ColumnType.Boolean),
            new("refunded", ColumnType.Boolean),
            new("failure_code", ColumnType.Text),
            new("created", ColumnType.Timestamp),
        ],
        [
            "charge.succeeded", "charge.failed", "charge.updated", "charge.refunded",
            "charge.captured", "charge.pending", "charge.expired",
        ]);
}
