namespace Greenhouse.Sources.Stripe.Streams;

internal static class CouponsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "coupons",
        "Stripe coupons: discounts that apply to invoices and subscriptions",
        "v1/coupons",
        "coupon",
        [
            new("name", ColumnType.Text) { Description = "the coupon's name as shown to customers" },
            new("percent_off", ColumnType.Decimal) { Description = "the percentage taken off, for a percentage coupon" },
            new("amount_off", ColumnType.Integer) { Description = "the amount taken off in the currency's minor unit, for a fixed-amount coupon" },
            new("currency", ColumnType.Text) { Description = "the currency of amount_off" },
            new("duration", ColumnType.Text) { Description = "how long the discount lasts: once, repeating or forever" },
            new("duration_in_months", ColumnType.Integer) { Description = "for a repeating coupon, how many months the discount lasts" },
            new("valid", ColumnType.Boolean) { Description = "whether the coupon can still be applied" },
            new("times_redeemed", ColumnType.Integer) { Description = "how many times the coupon has been applied" },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the coupon was created in Stripe" },
        ],
        ["coupon.created", "coupon.updated", "coupon.deleted"])
    {
        // DELETE /v1/coupons/{id}: the coupon is gone (discounts already applied keep working); retrieving it answers a deleted stub.
        RemovedBy = ["coupon.deleted"],
    };
}
