namespace Greenhouse.Sources.Stripe.Streams;

internal static class InvoicesStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "invoices",
        "v1/invoices",
        [
            new("customer", ColumnType.Text),
            new("subscription", ColumnType.Text),
            new("number", ColumnType.Text),
            new("status", ColumnType.Text),
            new("currency", ColumnType.Text),
            new("amount_due", ColumnType.Integer),
            new("amount_paid", ColumnType.Integer),
            new("amount_remaining", ColumnType.Integer),
            new("total", ColumnType.Integer),
            new("created", ColumnType.Timestamp),
            new("period_start", ColumnType.Timestamp),
            new("period_end", ColumnType.Timestamp),
            new("paid_at", ColumnType.Timestamp, "status_transitions.paid_at"),
        ],
        [
            "invoice.created", "invoice.updated", "invoice.deleted", "invoice.finalized", "invoice.paid",
            "invoice.payment_failed", "invoice.payment_succeeded", "invoice.voided", "invoice.marked_uncollectible",
        ]);
}
