namespace Greenhouse.Sources.Stripe.Streams;

internal static class SubscriptionsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "subscriptions",
        "Stripe subscriptions of every status, canceled ones included",
        "v1/subscriptions",
        "subscription",
        [
            new("customer", ColumnType.Text) { References = "customers", Description = "the id of the subscribed customer" },
            new("status", ColumnType.Text) { Description = "the subscription's status: trialing, active, past_due, canceled, unpaid, incomplete, …" },
            new("price", ColumnType.Text, "items.data.0.price") { References = "prices", Description = "the id of the price of the subscription's first item" },
            new("quantity", ColumnType.Integer, "items.data.0.quantity") { Description = "the quantity of the subscription's first item" },
            new("coupon", ColumnType.Text, "discount.coupon")
            {
                References = "coupons",
                Description = "the coupon of the subscription's discount, if any",

                // From 2025-03-31.basil only `discounts` (ids unless expanded); from 2025-09-30.clover the coupon is under `source`.
                FallbackPaths = ["discounts.0.coupon", "discounts.0.source.coupon"],
            },
            new("currency", ColumnType.Text)
            {
                Description = "the currency the subscription is billed in",
                FallbackPaths = ["items.data.0.price.currency"], // 2020-08-27 has no top-level currency
            },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the subscription was created in Stripe" },
            new("start_date", ColumnType.Timestamp) { Description = "when the subscription started" },
            new("current_period_start", ColumnType.Timestamp)
            {
                Description = "the start of the current billing period",
                FallbackPaths = ["items.data.0.current_period_start"], // from 2025-03-31.basil, on each item
            },
            new("current_period_end", ColumnType.Timestamp)
            {
                Description = "the end of the current billing period",
                FallbackPaths = ["items.data.0.current_period_end"], // from 2025-03-31.basil, on each item
            },
            new("cancel_at_period_end", ColumnType.Boolean) { Description = "whether the subscription cancels at the end of the current period" },
            new("canceled_at", ColumnType.Timestamp) { Description = "when the subscription was canceled" },
            new("ended_at", ColumnType.Timestamp) { Description = "when the subscription ended" },
            new("trial_end", ColumnType.Timestamp) { Description = "when the trial ends or ended" },
        ],
        [
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "customer.subscription.paused", "customer.subscription.resumed", "customer.subscription.pending_update_applied",
        ],
        // Without status=all, Stripe leaves canceled subscriptions out of the list.
        "status=all")
    {
        // customer.subscription.deleted means the subscription ended: Stripe still returns it (status canceled), so the
        // event is an update like the others and nothing removes a subscription.
        RemovedBy = [],

        // incomplete → trialing, active, past_due, unpaid, paused (back and forth) → canceled or incomplete_expired, final.
        Stage = StripeLifecycle.ByStatus(["incomplete"], ["trialing", "active", "past_due", "unpaid", "paused"], ["canceled", "incomplete_expired"]),
    };
}
