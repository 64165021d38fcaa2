namespace Greenhouse.Sources.Stripe.Streams;

internal static class RefundsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "refunds",
        "v1/refunds",
        [
            new("charge", ColumnType.Text),
            new("amount", ColumnType.Integer),
            new("currency", ColumnType.Text),
            new("status", ColumnType.Text),
            new("reason", ColumnType.Text),
            new("created", ColumnType.Timestamp),
        ],
        ["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"]);
}
