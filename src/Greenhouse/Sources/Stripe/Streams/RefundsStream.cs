namespace Greenhouse.Sources.Stripe.Streams;

internal static class RefundsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "refunds",
        "Stripe refunds of charges",
        "v1/refunds",
        "refund",
        [
            new("charge", ColumnType.Text) { References = "charges", Description = "the id of the refunded charge" },
            new("amount", ColumnType.Integer) { Description = "the amount refunded, in the currency's minor unit" },
            new("currency", ColumnType.Text) { Description = "the refund's currency" },
            new("status", ColumnType.Text) { Description = "pending, requires_action, succeeded, failed or canceled" },
            new("reason", ColumnType.Text) { Description = "why it was refunded: duplicate, fraudulent, requested_by_customer, …" },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the refund was created in Stripe" },
        ],
        ["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"])
    {
        // pending or requires_action → succeeded, failed or canceled (a succeeded refund can still fail: same stage).
        Stage = StripeLifecycle.ByStatus(["pending", "requires_action"], ["succeeded", "failed", "canceled"]),
    };
}
