namespace Greenhouse.Sources.Stripe.Streams;

internal static class SubscriptionsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "subscriptions",
        "v1/subscriptions",
        [
            new("customer", ColumnType.Text),
            new("status", ColumnType.Text),
            new("price", ColumnType.Text, "items.data.0.price"),
            new("quantity", ColumnType.Integer, "items.data.0.quantity"),
            new("coupon", ColumnType.Text, "discount.coupon"),
            new("currency", ColumnType.Text),
            new("created", ColumnType.Timestamp),
            new("start_date", ColumnType.Timestamp),
            new("current_period_start", ColumnType.Timestamp),
            new("current_period_end", ColumnType.Timestamp),
            new("cancel_at_period_end", ColumnType.Boolean),
            new("canceled_at", ColumnType.Timestamp),
            new("ended_at", ColumnType.Timestamp),
            new("trial_end", ColumnType.Timestamp),
        ],
        [
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "customer.subscription.paused", "customer.subscription.resumed", "customer.subscription.pending_update_applied",
        ],
        // Without status=all, Stripe leaves canceled subscriptions out of the list.
        "status=all");
}
